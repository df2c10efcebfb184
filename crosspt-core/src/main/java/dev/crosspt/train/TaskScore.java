package dev.crosspt.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A task's score on one split.
 *
 * @param primary the number that model selection and tables use (for several metrics, their mean, as GLUE
 *     papers report MRPC's F1 and accuracy)
 * @param metrics every metric by name, e.g. {@code f1} and {@code accuracy}, in the order given (the task's
 *     reporting order, which results.csv and result.json keep)
 */
public record TaskScore(double primary, Map<String, Double> metrics) {

    /** Freezes the metrics, keeping their order (Map.copyOf would not: its order changes from run to run). */
    public TaskScore {
        Map<String, Double> copy = new LinkedHashMap<>();
        metrics.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "metric name"),
                Objects.requireNonNull(value, "metric value")));
        metrics = Collections.unmodifiableMap(copy);
    }
}
