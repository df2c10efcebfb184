package dev.crosspt.metrics.text;

import dev.crosspt.api.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics generative tasks are reported with, as fractions in [0, 1] like every other metric (tables
 * multiply by 100); a task's primary score is their mean, as for GLUE's tasks with two metrics.
 * <ul>
 *   <li>question answering: {@value #EXACT_MATCH} and {@value #SQUAD_F1}, SQuAD's exact match and F1, each the
 *       best over an example's gold answers;</li>
 *   <li>summaries: {@value #ROUGE1}, {@value #ROUGE2} and {@value #ROUGE_L}, the mean ROUGE F-measures with
 *       Porter stemming (rouge-score's {@code use_stemmer=True}, as summarisation papers report them).</li>
 * </ul>
 * A missing (null) prediction counts as the empty text.
 */
public final class GenerationMetrics {

    /** SQuAD exact match. */
    public static final String EXACT_MATCH = "exact_match";
    /** SQuAD token F1 (named apart from GLUE's binary {@code f1}). */
    public static final String SQUAD_F1 = "squad_f1";
    /** ROUGE-1 F-measure. */
    public static final String ROUGE1 = "rouge1";
    /** ROUGE-2 F-measure. */
    public static final String ROUGE2 = "rouge2";
    /** ROUGE-L F-measure. */
    public static final String ROUGE_L = "rougeL";

    private GenerationMetrics() {
    }

    /**
     * SQuAD exact match and F1.
     *
     * @param golds each example's gold answers, at least one each
     * @param predicted the predictions, in the same order
     * @return {@value #EXACT_MATCH} and {@value #SQUAD_F1}
     * @throws InvalidInputException if the sizes differ, there is no example, or an example has no gold answer
     */
    public static Map<String, Double> answers(List<List<String>> golds, List<String> predicted) {
        check(golds.size(), predicted.size());
        double em = 0;
        double f1 = 0;
        for (int i = 0; i < golds.size(); i++) {
            if (golds.get(i) == null || golds.get(i).isEmpty()) {
                throw new InvalidInputException("squad: the example at index " + i + " has no gold answer");
            }
            String p = predicted.get(i) == null ? "" : predicted.get(i);
            em += SquadAnswers.bestExactMatch(p, golds.get(i));
            f1 += SquadAnswers.bestF1(p, golds.get(i));
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(EXACT_MATCH, em / golds.size());
        values.put(SQUAD_F1, f1 / golds.size());
        return values;
    }

    /**
     * Mean ROUGE-1, ROUGE-2 and ROUGE-L F-measures, stemmed.
     *
     * @param references the reference summaries
     * @param predicted the predictions, in the same order
     * @return {@value #ROUGE1}, {@value #ROUGE2} and {@value #ROUGE_L}
     * @throws InvalidInputException if the sizes differ or there is no example
     */
    public static Map<String, Double> summaries(List<String> references, List<String> predicted) {
        check(references.size(), predicted.size());
        Rouge.Scores mean = new Rouge(true).mean(references,
                predicted.stream().map(p -> p == null ? "" : p).toList());
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(ROUGE1, mean.rouge1().fmeasure());
        values.put(ROUGE2, mean.rouge2().fmeasure());
        values.put(ROUGE_L, mean.rougeL().fmeasure());
        return values;
    }

    /** The mean of the values: a generative task's primary score. */
    public static double primary(Map<String, Double> values) {
        return values.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static void check(int gold, int predicted) {
        if (gold != predicted) {
            throw new InvalidInputException("expected as many predictions as references, got " + gold
                    + " references and " + predicted + " predictions");
        }
        if (gold == 0) {
            throw new InvalidInputException("expected at least one example, got none");
        }
    }
}
