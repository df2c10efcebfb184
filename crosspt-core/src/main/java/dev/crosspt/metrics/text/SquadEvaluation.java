package dev.crosspt.metrics.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A whole SQuAD evaluation as the official v1.1 script runs it: every question counts, a question with no
 * prediction scores 0 (and is listed, where the script prints a warning), exact match and F1 are the best over
 * each question's gold answers, and both are averaged over all questions as percentages.
 *
 * @param exactMatch the mean exact match, in percent
 * @param f1 the mean F1, in percent
 * @param questions how many questions were scored
 * @param unanswered the ids of questions that had no prediction, in reference order
 */
public record SquadEvaluation(double exactMatch, double f1, int questions, List<String> unanswered) {

    /** Freezes the list. */
    public SquadEvaluation {
        unanswered = List.copyOf(unanswered);
    }

    /**
     * Scores predictions.
     *
     * @param golds each question's gold answers by id, in reference order; a question with no gold answer (SQuAD
     *     2.0's unanswerable) is right when the prediction is empty after normalisation, as the official v2.0
     *     script scores it
     * @param predictions predicted answers by id; ids that are not questions are ignored, as in the script
     * @return the scores
     * @throws IllegalArgumentException if there are no questions
     */
    public static SquadEvaluation of(Map<String, List<String>> golds, Map<String, String> predictions) {
        if (golds.isEmpty()) {
            throw new IllegalArgumentException("no questions to score");
        }
        double em = 0;
        double f1 = 0;
        List<String> unanswered = new ArrayList<>();
        for (Map.Entry<String, List<String>> q : golds.entrySet()) {
            String prediction = predictions.get(q.getKey());
            if (prediction == null) {
                unanswered.add(q.getKey());
                continue;
            }
            if (q.getValue().isEmpty()) {
                // evaluate-v2.0.py: an unanswerable question is right (EM and F1 both 1) only when the prediction
                // normalises to nothing
                double right = SquadAnswers.normalize(prediction).isEmpty() ? 1 : 0;
                em += right;
                f1 += right;
            } else {
                em += SquadAnswers.bestExactMatch(prediction, q.getValue());
                f1 += SquadAnswers.bestF1(prediction, q.getValue());
            }
        }
        int n = golds.size();
        return new SquadEvaluation(100.0 * em / n, 100.0 * f1 / n, n, unanswered);
    }
}
