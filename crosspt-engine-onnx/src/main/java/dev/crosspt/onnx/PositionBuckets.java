package dev.crosspt.onnx;

/**
 * T5's relative-position buckets, exactly as transformers' {@code T5Attention._relative_position_bucket} (and
 * crosspt-engine-djl's copy): exact buckets for near positions, logarithmic ones up to {@code maxDistance},
 * with the float32 arithmetic torch uses so that boundaries fall in the same place. The ONNX graph takes the
 * resulting ids as inputs and gathers the bias tables itself.
 */
final class PositionBuckets {

    private final int numBuckets;
    private final int maxDistance;

    PositionBuckets(int numBuckets, int maxDistance) {
        this.numBuckets = numBuckets;
        this.maxDistance = maxDistance;
    }

    /** Row-major {@code [length, length]} bucket ids for every (query, key) pair. */
    long[] table(int length, boolean bidirectional) {
        long[] table = new long[length * length];
        for (int q = 0; q < length; q++) {
            for (int k = 0; k < length; k++) {
                table[q * length + k] = bucket(k - q, bidirectional);
            }
        }
        return table;
    }

    /** The bucket for one relative position {@code key - query}. */
    int bucket(int relativePosition, boolean bidirectional) {
        int buckets = numBuckets;
        int result = 0;
        int distance;
        if (bidirectional) {
            buckets /= 2;
            if (relativePosition > 0) {
                result += buckets;
            }
            distance = Math.abs(relativePosition);
        } else {
            distance = -Math.min(relativePosition, 0);
        }
        int maxExact = buckets / 2;
        if (distance < maxExact) {
            return result + distance;
        }
        float ratio = (float) distance / (float) maxExact;
        float logRatio = (float) Math.log(ratio);
        float scaled = logRatio / (float) Math.log((double) maxDistance / maxExact) * (float) (buckets - maxExact);
        int large = maxExact + (int) scaled;
        return result + Math.min(large, buckets - 1);
    }
}
