package dev.crosspt.metrics.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE-N and ROUGE-L of one prediction against one reference, as Google's {@code rouge-score} package computes
 * {@code rouge1}, {@code rouge2} and {@code rougeL}: tokens from {@link RougeTokenizer}; ROUGE-N counts the
 * n-grams both texts share (each at most as often as it occurs in either); ROUGE-L is the longest common
 * subsequence of the whole token lists (no sentence splitting: that is {@code rougeLsum}, not provided).
 * An empty prediction or reference scores 0.
 */
public final class Rouge {

    private final RougeTokenizer tokenizer;

    /**
     * A scorer.
     *
     * @param stem whether to Porter-stem tokens ({@code use_stemmer=True})
     */
    public Rouge(boolean stem) {
        this.tokenizer = new RougeTokenizer(stem);
    }

    /** The three scores of one pair. */
    public record Scores(RougeScore rouge1, RougeScore rouge2, RougeScore rougeL) {
    }

    /**
     * Scores a prediction against a reference.
     *
     * @param reference the reference (target) text
     * @param prediction the predicted text
     * @return ROUGE-1, ROUGE-2 and ROUGE-L
     */
    public Scores score(String reference, String prediction) {
        List<String> ref = tokenizer.tokenize(reference);
        List<String> pred = tokenizer.tokenize(prediction);
        return new Scores(ngrams(ref, pred, 1), ngrams(ref, pred, 2), lcs(ref, pred));
    }

    /**
     * The mean scores over pairs, as {@code rouge-score}'s command line pairs the lines of two files (it reports
     * a bootstrap estimate of the mean; this is the mean itself).
     *
     * @param references the reference texts
     * @param predictions the predicted texts, in the same order
     * @return the mean precision, recall and F-measure of each ROUGE type
     * @throws IllegalArgumentException if the lists differ in size or are empty
     */
    public Scores mean(List<String> references, List<String> predictions) {
        if (references.size() != predictions.size() || references.isEmpty()) {
            throw new IllegalArgumentException("expected as many predictions as references, and at least one; got "
                    + predictions.size() + " and " + references.size());
        }
        double[] sums = new double[9];
        for (int i = 0; i < references.size(); i++) {
            Scores s = score(references.get(i), predictions.get(i));
            RougeScore[] each = {s.rouge1(), s.rouge2(), s.rougeL()};
            for (int t = 0; t < 3; t++) {
                sums[3 * t] += each[t].precision();
                sums[3 * t + 1] += each[t].recall();
                sums[3 * t + 2] += each[t].fmeasure();
            }
        }
        double n = references.size();
        RougeScore[] means = new RougeScore[3];
        for (int t = 0; t < 3; t++) {
            means[t] = new RougeScore(sums[3 * t] / n, sums[3 * t + 1] / n, sums[3 * t + 2] / n);
        }
        return new Scores(means[0], means[1], means[2]);
    }

    /** ROUGE-N over token lists. */
    static RougeScore ngrams(List<String> ref, List<String> pred, int n) {
        Map<List<String>, Integer> refCounts = counts(ref, n);
        Map<List<String>, Integer> predCounts = counts(pred, n);
        int overlap = 0;
        for (Map.Entry<List<String>, Integer> e : refCounts.entrySet()) {
            overlap += Math.min(e.getValue(), predCounts.getOrDefault(e.getKey(), 0));
        }
        int refTotal = Math.max(0, ref.size() - n + 1);
        int predTotal = Math.max(0, pred.size() - n + 1);
        return RougeScore.of(overlap, predTotal, refTotal);
    }

    /** ROUGE-L over token lists. */
    static RougeScore lcs(List<String> ref, List<String> pred) {
        if (ref.isEmpty() || pred.isEmpty()) {
            return RougeScore.ZERO;
        }
        int[] previous = new int[pred.size() + 1];
        int[] current = new int[pred.size() + 1];
        for (String r : ref) {
            for (int j = 1; j <= pred.size(); j++) {
                current[j] = r.equals(pred.get(j - 1))
                        ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return RougeScore.of(previous[pred.size()], pred.size(), ref.size());
    }

    private static Map<List<String>, Integer> counts(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return counts;
    }
}
