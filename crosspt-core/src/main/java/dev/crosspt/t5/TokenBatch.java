package dev.crosspt.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Token ids of several texts padded to one length, with their attention mask.
 *
 * @param batch number of texts
 * @param length padded length
 * @param ids row-major {@code [batch, length]} ids, padded with the pad id (or -100 for labels)
 * @param mask row-major {@code [batch, length]}, 1 for real tokens and 0 for padding
 */
public record TokenBatch(int batch, int length, long[] ids, long[] mask) {

    /** The ids as a {@code [batch, length]} int64 array in the given scope. */
    public NDArray ids(NDManager scope) {
        return scope.create(ids, new Shape(batch, length));
    }

    /** The mask as a {@code [batch, length]} int64 array in the given scope. */
    public NDArray mask(NDManager scope) {
        return scope.create(mask, new Shape(batch, length));
    }

    /** Row {@code i} without its padding. */
    public long[] row(int i) {
        int n = 0;
        while (n < length && mask[i * length + n] != 0) {
            n++;
        }
        long[] out = new long[n];
        System.arraycopy(ids, i * length, out, 0, n);
        return out;
    }
}
