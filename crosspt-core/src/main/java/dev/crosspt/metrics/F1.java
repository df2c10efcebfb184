package dev.crosspt.metrics;

import java.util.List;

/**
 * Binary F1 of one positive label, as GLUE reports it for MRPC and QQP (positive label {@code "1"}):
 * {@code 2 tp / (2 tp + fp + fn)}. Every gold label and prediction other than the positive one counts as
 * negative, so a prediction that is no label at all is a false negative when the gold label is positive and
 * harmless otherwise (true negatives do not enter F1). When there is no positive gold label and no positive
 * prediction F1 is undefined and scored 0, as scikit-learn does.
 *
 * @param positive the positive label
 */
public record F1(String positive) implements Metric {

    /** The name {@code f1}. */
    public static final String NAME = "f1";

    /** Rejects a blank positive label. */
    public F1 {
        positive = MetricInputs.label(NAME, "positive", positive);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double compute(List<String> gold, List<String> predicted) {
        MetricInputs.check(NAME, gold, predicted);
        return of(positive, gold, predicted);
    }

    /** The one-vs-rest F1 of {@code label}; also the per-label term of {@link MacroF1}. */
    static double of(String label, List<String> gold, List<String> predicted) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < gold.size(); i++) {
            boolean g = label.equals(MetricInputs.clean(gold.get(i)));
            boolean p = label.equals(MetricInputs.clean(predicted.get(i)));
            if (g && p) {
                tp++;
            } else if (p) {
                fp++;
            } else if (g) {
                fn++;
            }
        }
        int denominator = 2 * tp + fp + fn;
        return denominator == 0 ? 0.0 : 2.0 * tp / denominator;
    }
}
