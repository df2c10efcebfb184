package dev.crosspt.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where one tensor lives in a safetensors file, as its header describes it.
 *
 * <p>The shape array is copied in and out, so an instance is immutable; equality compares the shape's
 * contents rather than the array reference a record would otherwise use. The constructor throws
 * {@link IllegalArgumentException} for a negative dimension or offsets that are negative or reversed.
 *
 * @param name the tensor's name in the header
 * @param dtype its element type
 * @param shape its dimensions, empty for a scalar
 * @param dataBegin offset of its first byte, relative to the start of the data section (after the header)
 * @param dataEnd offset one past its last byte, relative to the start of the data section
 */
public record TensorInfo(String name, DType dtype, long[] shape, long dataBegin, long dataEnd) {

    /**
     * Creates a description, copying the shape so the record stays immutable.
     *
     * @param name the tensor's name
     * @param dtype its element type
     * @param shape its dimensions, empty for a scalar
     * @param dataBegin offset of its first byte in the data section
     * @param dataEnd offset one past its last byte in the data section
     * @throws IllegalArgumentException if a dimension is negative or the offsets are negative or reversed
     */
    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = Objects.requireNonNull(shape, "shape").clone();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative dimension in shape "
                        + Arrays.toString(shape));
            }
        }
        if (dataBegin < 0 || dataEnd < dataBegin) {
            throw new IllegalArgumentException("tensor '" + name + "': data offsets [" + dataBegin + ", "
                    + dataEnd + "] must satisfy 0 <= begin <= end");
        }
    }

    /**
     * Returns a copy of the dimensions, so callers cannot change this record.
     *
     * @return the shape, empty for a scalar
     */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * Returns the number of elements: the product of the dimensions, 1 for a scalar.
     *
     * @return the element count
     * @throws ArithmeticException if the product does not fit in a long
     */
    public long numel() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * Formats the shape as in error messages, for example {@code [2, 44]}.
     *
     * @return the shape in brackets
     */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    /**
     * Compares all components, the shape by content.
     *
     * @param o the other object
     * @return true if o is a TensorInfo with equal components
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && dataBegin == t.dataBegin && dataEnd == t.dataEnd;
    }

    /**
     * Hashes all components, the shape by content.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), dataBegin, dataEnd);
    }

    /**
     * Describes the tensor for logs and messages.
     *
     * @return for example {@code shared.weight F32 [500, 64] @[0, 128000)}
     */
    @Override
    public String toString() {
        return name + " " + dtype + " " + shapeString() + " @[" + dataBegin + ", " + dataEnd + ")";
    }
}
