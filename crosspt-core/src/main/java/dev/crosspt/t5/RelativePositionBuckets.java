package dev.crosspt.t5;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * T5's relative-position buckets, computed exactly as transformers' {@code T5Attention._relative_position_bucket}.
 *
 * <p>Positions closer than half the buckets each get their own bucket; farther ones share logarithmically
 * wider buckets up to {@code maxDistance}. The encoder is bidirectional (half the buckets for keys after the
 * query); the decoder is causal (keys after the query all land in bucket 0, and the mask hides them anyway).
 * The float arithmetic mirrors torch's float32 so that bucket boundaries fall where transformers puts them.
 *
 * <p>Engine-free: the DJL engine turns the table into a gather, the ONNX exporter bakes a per-offset table of it
 * into its graphs.
 * Bucket tables depend only on lengths, so a few recent ones are kept (plain Java ints, no native memory).
 */
public final class RelativePositionBuckets {

    private static final int CACHE_SIZE = 32;

    private final int numBuckets;
    private final int maxDistance;
    private final Map<String, int[]> cache =
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
                    return size() > CACHE_SIZE;
                }
            };

    /**
     * Buckets for a config's {@code relative_attention_num_buckets} and {@code relative_attention_max_distance}.
     */
    public RelativePositionBuckets(int numBuckets, int maxDistance) {
        this.numBuckets = numBuckets;
        this.maxDistance = maxDistance;
    }

    /**
     * Returns the bucket of every (query, key) pair, row-major {@code [queryLength, keyLength]}.
     *
     * @param queryLength number of query positions
     * @param keyLength number of key positions
     * @param bidirectional true for the encoder, false for the causal decoder
     * @return the buckets; callers must not modify the array
     */
    public synchronized int[] table(int queryLength, int keyLength, boolean bidirectional) {
        String key = queryLength + "x" + keyLength + (bidirectional ? "b" : "c");
        int[] table = cache.get(key);
        if (table == null) {
            table = new int[queryLength * keyLength];
            for (int q = 0; q < queryLength; q++) {
                for (int k = 0; k < keyLength; k++) {
                    table[q * keyLength + k] = bucket(k - q, bidirectional);
                }
            }
            cache.put(key, table);
        }
        return table;
    }

    /** The bucket for one relative position {@code key - query}. */
    public int bucket(int relativePosition, boolean bidirectional) {
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
        // float32 as torch computes it: log(d / maxExact) / log(maxDistance / maxExact) * (buckets - maxExact)
        float ratio = (float) distance / (float) maxExact;
        float logRatio = (float) Math.log(ratio);
        float scaled = logRatio / (float) Math.log((double) maxDistance / maxExact) * (float) (buckets - maxExact);
        int large = maxExact + (int) scaled;
        return result + Math.min(large, buckets - 1);
    }
}
