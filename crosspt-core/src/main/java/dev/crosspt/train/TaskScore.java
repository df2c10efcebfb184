package dev.crosspt.train;

import java.util.Map;

/**
 * A task's score on one split.
 *
 * @param primary the number that model selection and tables use (for several metrics, their mean, as GLUE
 *     papers report MRPC's F1 and accuracy)
 * @param metrics every metric by name, e.g. {@code f1} and {@code accuracy}
 */
public record TaskScore(double primary, Map<String, Double> metrics) {

    /** Freezes the metrics. */
    public TaskScore {
        metrics = Map.copyOf(metrics);
    }
}
