package dev.crosspt.metrics;

import java.util.List;

/** The fraction of predictions equal to their gold label (after stripping surrounding whitespace). */
public record Accuracy() implements Metric {

    /** The name {@code accuracy}. */
    public static final String NAME = "accuracy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double compute(List<String> gold, List<String> predicted) {
        MetricInputs.check(NAME, gold, predicted);
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (MetricInputs.clean(gold.get(i)).equals(MetricInputs.clean(predicted.get(i)))) {
                correct++;
            }
        }
        return (double) correct / gold.size();
    }
}
