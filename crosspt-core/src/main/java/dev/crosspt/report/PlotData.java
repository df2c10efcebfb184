package dev.crosspt.report;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Checks and reshapes the numbers given to {@link Plots} and {@link RouterWeightsFile}. */
final class PlotData {

    private PlotData() {
    }

    static void requireSeries(Map<String, List<double[]>> series) {
        Objects.requireNonNull(series, "series");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("no series to plot, expected at least one");
        }
    }

    /**
     * Splits points of {@code arity} numbers into {@code arity} columns.
     *
     * @throws IllegalArgumentException if there are no points, or a point has another length or a number that
     *     is not finite
     */
    static double[][] columns(String name, List<double[]> points, int arity) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("series name must not be blank, got '" + name + "'");
        }
        if (points == null || points.isEmpty()) {
            throw new IllegalArgumentException("series '" + name + "' has no points, expected at least one");
        }
        double[][] cols = new double[arity][points.size()];
        for (int i = 0; i < points.size(); i++) {
            double[] p = points.get(i);
            if (p == null || p.length != arity) {
                throw new IllegalArgumentException("series '" + name + "' point " + i + ": expected " + arity
                        + " numbers, got " + (p == null ? "null" : Arrays.toString(p)));
            }
            for (int c = 0; c < arity; c++) {
                if (!Double.isFinite(p[c])) {
                    throw new IllegalArgumentException("series '" + name + "' point " + i
                            + ": numbers must be finite, got " + Arrays.toString(p));
                }
                cols[c][i] = p[c];
            }
        }
        return cols;
    }

    /**
     * Checks that {@code weights} is tasks x sources, with finite values (and within [0, 1] if
     * {@code unitRange}).
     *
     * @throws IllegalArgumentException naming both shapes, or the bad cell
     */
    static void requireMatrix(List<String> tasks, List<String> sources, double[][] weights, boolean unitRange) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(weights, "weights");
        if (tasks.isEmpty() || sources.isEmpty()) {
            throw new IllegalArgumentException("expected at least one task and one source, got " + tasks.size()
                    + " tasks and " + sources.size() + " sources");
        }
        boolean fits = weights.length == tasks.size();
        for (int t = 0; fits && t < weights.length; t++) {
            fits = weights[t] != null && weights[t].length == sources.size();
        }
        if (!fits) {
            throw new IllegalArgumentException("weights have shape " + shape(weights) + ", expected ["
                    + tasks.size() + " tasks x " + sources.size() + " sources]");
        }
        for (int t = 0; t < weights.length; t++) {
            for (int s = 0; s < weights[t].length; s++) {
                double w = weights[t][s];
                if (!Double.isFinite(w) || unitRange && (w < 0 || w > 1)) {
                    throw new IllegalArgumentException("weight [" + t + "][" + s + "] (task '" + tasks.get(t)
                            + "', source '" + sources.get(s) + "') must be " + (unitRange ? "in [0, 1]" : "finite")
                            + ", got " + w);
                }
            }
        }
    }

    private static String shape(double[][] weights) {
        int[] lengths = Arrays.stream(weights).mapToInt(r -> r == null ? -1 : r.length).distinct().toArray();
        String cols = lengths.length == 1 ? Integer.toString(lengths[0]) : "ragged " + Arrays.toString(
                Arrays.stream(weights).mapToInt(r -> r == null ? -1 : r.length).toArray());
        return "[" + weights.length + " x " + (weights.length == 0 ? "0" : cols) + "]";
    }
}
