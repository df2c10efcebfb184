package dev.crosspt.metrics;

import dev.crosspt.api.InvalidInputException;
import java.util.List;

/** The input checks every metric shares; see {@link Metric}. */
final class MetricInputs {

    private MetricInputs() {
    }

    /**
     * Checks that both lists exist, have the same size, are not empty, and that no gold label is null.
     *
     * @throws InvalidInputException naming the metric and what is wrong
     */
    static void check(String metric, List<String> gold, List<String> predicted) {
        if (gold == null || predicted == null) {
            throw new InvalidInputException(metric + ": expected gold labels and predictions, got "
                    + (gold == null ? "no gold labels" : "no predictions"));
        }
        if (gold.size() != predicted.size()) {
            throw new InvalidInputException(metric + ": expected as many predictions as gold labels, got "
                    + gold.size() + " gold labels and " + predicted.size() + " predictions");
        }
        if (gold.isEmpty()) {
            throw new InvalidInputException(metric + ": expected at least one example, got none");
        }
        for (int i = 0; i < gold.size(); i++) {
            if (gold.get(i) == null) {
                throw new InvalidInputException(metric + ": the gold label at index " + i + " is missing");
            }
        }
    }

    /** The string stripped of surrounding whitespace; null stays null (a wrong answer). */
    static String clean(String s) {
        return s == null ? null : s.strip();
    }

    /** A label argument of a metric: present and not blank. */
    static String label(String metric, String role, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(metric + ": the " + role + " label must not be blank, got '"
                    + value + "'");
        }
        return value.strip();
    }
}
