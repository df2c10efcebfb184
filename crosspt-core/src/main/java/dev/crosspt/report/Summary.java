package dev.crosspt.report;

/**
 * The statistics of one group of {@link ResultRow}s that differ only in their seed.
 *
 * <p>Rows whose task is {@link #MEAN_TASK} summarize the across-task average: for each seed the values of all
 * tasks are averaged, and the statistics are taken over those per-seed averages.
 *
 * @param method the method name; not blank
 * @param task the task name, or {@link #MEAN_TASK} for the across-task average; not blank
 * @param shots the shot count; not negative
 * @param metric the metric name; not blank
 * @param n the number of seeds; at least 1
 * @param mean the mean over seeds; finite
 * @param std the sample standard deviation over seeds (divisor n - 1), 0 when n is 1; finite, not negative
 * @param ci95 the half-width of the two-sided 95% Student-t confidence interval of the mean; NaN when n &lt; 2,
 *     otherwise finite and not negative
 */
public record Summary(String method, String task, int shots, String metric, int n, double mean, double std,
        double ci95) {

    /** The task name of the across-task average rows. */
    public static final String MEAN_TASK = "mean";

    /** Validates the summary; messages carry the bad value. */
    public Summary {
        if (method == null || method.isBlank() || task == null || task.isBlank() || metric == null
                || metric.isBlank()) {
            throw new IllegalArgumentException("method, task and metric must not be blank, got method '"
                    + method + "', task '" + task + "', metric '" + metric + "'");
        }
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0, got " + shots);
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        if (!(std >= 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("std must be finite and >= 0, got " + std);
        }
        if (n < 2 ? !Double.isNaN(ci95) : !(ci95 >= 0) || !Double.isFinite(ci95)) {
            throw new IllegalArgumentException("ci95 must be " + (n < 2 ? "NaN when n < 2" : "finite and >= 0")
                    + ", got " + ci95 + " (n = " + n + ")");
        }
    }

    /**
     * Whether this row is an across-task average.
     *
     * @return true when the task is {@link #MEAN_TASK}
     */
    public boolean isTaskMean() {
        return MEAN_TASK.equals(task);
    }
}
