package dev.crosspt.djl.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import dev.crosspt.api.NDScopes;
import dev.crosspt.t5.RelativePositionBuckets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * T5's relative-position biases, {@code [1, heads, queries, keys]}, with the causal mask added for the decoder.
 *
 * <p>They depend only on the shape and the frozen bias table, so they are built once per shape and kept (a few
 * recent shapes, in the weights' manager); every forward pass gets a view of them owned by its own scope. While
 * the table is trainable (the demo model's generator) they are computed afresh each time, so that gradients
 * reach the table, and {@link #clear()} drops what was kept when the weights change.
 */
final class PositionBiases {

    /** Shapes kept: training and evaluation use a handful; greedy decoding one per generated length. */
    private static final int KEPT = 16;

    private final RelativePositionBuckets buckets;
    private final int heads;
    private final Map<Key, NDArray> kept = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, NDArray> eldest) {
            if (size() > KEPT) {
                eldest.getValue().close(); // views handed out share its storage and outlive this handle
                return true;
            }
            return false;
        }
    };

    PositionBiases(RelativePositionBuckets buckets, int heads) {
        this.buckets = buckets;
        this.heads = heads;
    }

    /**
     * The bias for this shape, owned by {@code scope}.
     *
     * @param table {@code [num_buckets, heads]} learned biases
     * @param causal whether to add the decoder's causal mask (keys after the query masked out)
     */
    NDArray get(NDArray table, NDManager scope, int queries, int keys, boolean bidirectional, boolean causal) {
        if (table.hasGradient()) {
            return compute(table, scope, queries, keys, bidirectional, causal);
        }
        NDArray bias;
        synchronized (kept) {
            bias = kept.computeIfAbsent(new Key(System.identityHashCode(table), queries, keys, bidirectional, causal),
                    k -> {
                        try (NDManager build = table.getManager().newSubManager()) {
                            NDArray built = compute(table, build, queries, keys, bidirectional, causal);
                            built.attach(table.getManager());
                            return built;
                        }
                    });
        }
        return NDScopes.view(bias, scope);
    }

    /** Drops every kept bias (the table changed). */
    void clear() {
        synchronized (kept) {
            kept.values().forEach(NDArray::close);
            kept.clear();
        }
    }

    private NDArray compute(NDArray table, NDManager scope, int queries, int keys, boolean bidirectional,
            boolean causal) {
        int[] ids = buckets.table(queries, keys, bidirectional);
        NDArray bucketIds = scope.create(ids, new Shape(ids.length)).toType(DataType.INT64, false);
        NDArray bias = bucketIds.getNDArrayInternal().embedding(bucketIds, table, SparseFormat.DENSE)
                .singletonOrThrow()
                .reshape(queries, keys, heads)
                .transpose(2, 0, 1)
                .expandDims(0);
        return causal ? bias.add(causalMask(scope, queries, keys)) : bias;
    }

    /** {@code [1, 1, queries, keys]}: {@link T5Layers#MASKED} where the key comes after the query. */
    private static NDArray causalMask(NDManager scope, int queries, int keys) {
        float[] mask = new float[queries * keys];
        for (int q = 0; q < queries; q++) {
            for (int k = q + 1; k < keys; k++) {
                mask[q * keys + k] = T5Layers.MASKED;
            }
        }
        return scope.create(mask, new Shape(1, 1, queries, keys));
    }

    private record Key(int table, int queries, int keys, boolean bidirectional, boolean causal) {}
}
