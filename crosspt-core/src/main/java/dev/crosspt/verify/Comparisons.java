package dev.crosspt.verify;

import java.util.Arrays;

/** Compares an engine's outputs with reference values. */
public final class Comparisons {

    private Comparisons() {}

    /**
     * Compares two tensors: floats by the largest difference relative to {@code max(1, |reference|)}, ids exactly.
     *
     * @param tolerance the largest relative difference that still passes
     */
    public static OutputCheck compare(String name, TensorValue reference, TensorValue actual, double tolerance) {
        if (!Arrays.equals(reference.shape(), actual.shape())) {
            return new OutputCheck(name, CheckStatus.FAIL, Double.NaN, Double.NaN,
                    "shape " + actual.shapeString() + ", reference " + reference.shapeString());
        }
        if (reference.isIntegral() || actual.isIntegral()) {
            long[] ref = reference.isIntegral() ? reference.longs() : toLongs(reference.floats());
            long[] got = actual.isIntegral() ? actual.longs() : toLongs(actual.floats());
            int mismatches = 0;
            int first = -1;
            for (int i = 0; i < ref.length; i++) {
                if (ref[i] != got[i]) {
                    mismatches++;
                    first = first < 0 ? i : first;
                }
            }
            String note = mismatches == 0 ? "ids identical " + reference.shapeString()
                    : mismatches + " of " + ref.length + " ids differ, first at flat index " + first
                            + " (" + got[first] + " vs " + ref[first] + ")";
            return new OutputCheck(name, mismatches == 0 ? CheckStatus.PASS : CheckStatus.FAIL,
                    mismatches == 0 ? 0 : Double.NaN, mismatches == 0 ? 0 : Double.NaN, note);
        }
        float[] ref = reference.floats();
        float[] got = actual.floats();
        double maxAbs = 0;
        double maxRel = 0;
        for (int i = 0; i < ref.length; i++) {
            double diff = Math.abs((double) got[i] - ref[i]);
            if (Double.isNaN(diff)) {
                diff = Double.POSITIVE_INFINITY;
            }
            maxAbs = Math.max(maxAbs, diff);
            maxRel = Math.max(maxRel, diff / Math.max(1.0, Math.abs(ref[i])));
        }
        boolean pass = maxRel <= tolerance;
        return new OutputCheck(name, pass ? CheckStatus.PASS : CheckStatus.FAIL, maxAbs, maxRel,
                reference.shapeString() + (pass ? "" : ", tolerance " + tolerance));
    }

    private static long[] toLongs(float[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (long) values[i];
        }
        return out;
    }
}
