package dev.crosspt.verify;

import java.util.Arrays;

/**
 * A named output's values as plain Java arrays: floats for real-valued outputs, longs for token ids.
 *
 * @param shape the dimensions
 * @param floats the values of a real-valued tensor, or null
 * @param longs the values of an integer tensor, or null
 */
public record TensorValue(long[] shape, float[] floats, long[] longs) {

    /** A real-valued tensor. */
    public static TensorValue ofFloats(long[] shape, float[] values) {
        return new TensorValue(shape, values, null);
    }

    /** An integer tensor (token ids, masks). */
    public static TensorValue ofLongs(long[] shape, long[] values) {
        return new TensorValue(shape, null, values);
    }

    /** True for token ids and masks, compared exactly. */
    public boolean isIntegral() {
        return longs != null;
    }

    /** The dimensions as {@code [2, 44]}. */
    public String shapeString() {
        return Arrays.toString(shape);
    }
}
