package dev.crosspt.bench;

import java.util.Arrays;

/**
 * The median and range of repeated measurements: what a benchmark reports on a machine whose speed drifts.
 *
 * @param median the middle value (the mean of the two middle ones for an even count)
 * @param min the smallest value
 * @param max the largest value
 * @param count how many values
 */
public record Spread(double median, double min, double max, int count) {

    /** The spread of {@code values}; NaN figures for none. */
    public static Spread of(double... values) {
        if (values.length == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }

    /** Each value mapped through {@code 1/x}, as when seconds per step become steps per second. */
    public Spread reciprocal() {
        return new Spread(1 / median, 1 / max, 1 / min, count);
    }

    /** Each value multiplied by {@code factor} (positive). */
    public Spread times(double factor) {
        return new Spread(median * factor, min * factor, max * factor, count);
    }
}
