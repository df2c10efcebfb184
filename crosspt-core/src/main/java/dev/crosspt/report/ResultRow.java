package dev.crosspt.report;

/**
 * One measured number: the value of one metric for one method on one task, at one shot count and seed.
 *
 * @param method the method or configuration name, such as {@code "crosspt-m4"}; not blank
 * @param task the task name; not blank
 * @param shots the number of training examples per task (0 for zero-shot); not negative
 * @param seed the random seed of the run
 * @param metric the metric name, such as {@code "accuracy"}; not blank
 * @param value the measured value; finite (not NaN, not infinite)
 */
public record ResultRow(String method, String task, int shots, long seed, String metric, double value) {

    /** Validates the row; messages carry the bad value. */
    public ResultRow {
        requireName("method", method);
        requireName("task", task);
        requireName("metric", metric);
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0, got " + shots);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be a finite number, got " + value + " (method "
                    + method + ", task " + task + ", metric " + metric + ", seed " + seed + ")");
        }
    }

    private static void requireName(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
    }
}
