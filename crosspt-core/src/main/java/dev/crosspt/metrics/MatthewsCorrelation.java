package dev.crosspt.metrics;

import dev.crosspt.api.InvalidInputException;
import java.util.List;

/**
 * Matthews correlation coefficient of a binary task, as GLUE reports it for CoLA (positive {@code "1"},
 * negative {@code "0"}), from the confusion matrix:
 * {@code (tp tn - fp fn) / sqrt((tp + fp)(tp + fn)(tn + fp)(tn + fn))}, and 0 when a factor of the denominator is
 * 0 (all gold labels or all predictions in one class), as scikit-learn does.
 *
 * <p>Every gold label must be the positive or the negative label. A prediction that is neither is counted as
 * wrong: a false negative when the gold label is positive, a false positive when it is negative, so that
 * output that is no label never raises the score.
 *
 * @param positive the positive label
 * @param negative the negative label
 */
public record MatthewsCorrelation(String positive, String negative) implements Metric {

    /** The name {@code matthews}. */
    public static final String NAME = "matthews";

    /** Rejects blank or equal labels. */
    public MatthewsCorrelation {
        positive = MetricInputs.label(NAME, "positive", positive);
        negative = MetricInputs.label(NAME, "negative", negative);
        if (positive.equals(negative)) {
            throw new IllegalArgumentException(NAME + ": the positive and negative labels must differ, both are '"
                    + positive + "'");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double compute(List<String> gold, List<String> predicted) {
        MetricInputs.check(NAME, gold, predicted);
        long tp = 0;
        long tn = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < gold.size(); i++) {
            String g = MetricInputs.clean(gold.get(i));
            boolean goldPositive = positive.equals(g);
            if (!goldPositive && !negative.equals(g)) {
                throw new InvalidInputException(NAME + ": the gold label at index " + i + " is '" + gold.get(i)
                        + "', expected '" + positive + "' or '" + negative + "'");
            }
            String p = MetricInputs.clean(predicted.get(i));
            if (goldPositive) {
                if (positive.equals(p)) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (negative.equals(p)) {
                tn++;
            } else {
                fp++;
            }
        }
        return of(tp, tn, fp, fn);
    }

    /**
     * The coefficient of a confusion matrix, 0 where it is undefined.
     *
     * @param tp true positives
     * @param tn true negatives
     * @param fp false positives
     * @param fn false negatives
     * @return the coefficient in [-1, 1]
     */
    public static double of(long tp, long tn, long fp, long fn) {
        double denominator = (double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn);
        if (denominator == 0) {
            return 0.0;
        }
        return ((double) tp * tn - (double) fp * fn) / Math.sqrt(denominator);
    }
}
