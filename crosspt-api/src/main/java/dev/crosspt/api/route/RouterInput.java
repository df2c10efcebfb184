package dev.crosspt.api.route;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/**
 * What a router may look at when it computes logits: the encoded candidate prompts and, for a per-example router,
 * each example's input feature and task.
 *
 * <p>The logits have one row per task ({@code T} rows) when {@link #inputs()} is null, and one row per example
 * ({@code B} rows) otherwise. Everything here lives in {@link #scope()}; gradients flow back into the prompts.
 *
 * @param scope the step's manager: compute in it, on {@link dev.crosspt.api.NDScopes#view views} of parameters
 * @param taskCount T, the number of tasks
 * @param sources {@code [M, L, d]} the encoded source prompts, or null when there are none
 * @param privates {@code [T, L, d]} the encoded private prompts, or null when the variant has none
 * @param inputs {@code [B, d]} each example's input feature (no gradient), or null for per-task logits
 * @param tasks {@code [B]} each example's task index, or null for per-task logits
 */
public record RouterInput(NDManager scope, int taskCount, NDArray sources, NDArray privates, NDArray inputs, long[] tasks) {

    /** Checks that inputs and tasks come together and agree in size. */
    public RouterInput {
        if ((inputs == null) != (tasks == null)) {
            throw new IllegalArgumentException("router input: give both the inputs and their tasks, or neither");
        }
        if (inputs != null && (inputs.getShape().dimension() != 2 || inputs.getShape().get(0) != tasks.length)) {
            throw new IllegalArgumentException("router input: inputs " + inputs.getShape() + " for " + tasks.length
                    + " examples; expected [B, d]");
        }
    }

    /** True when the logits are asked per example. */
    public boolean perExample() {
        return inputs != null;
    }

    /** The rows the logits must have: B examples, or T tasks. */
    public int rows() {
        return perExample() ? tasks.length : taskCount;
    }

    /**
     * A key per candidate for each row: every candidate prompt averaged over its length, the sources' keys shared by
     * all rows and the private key of the row's task last.
     *
     * @return {@code [rows(), K, d]} in {@link #scope()}
     */
    public NDArray candidateKeys() {
        int r = rows();
        NDArray keys = null;
        if (sources != null && sources.getShape().get(0) > 0) {
            NDArray pooled = sources.mean(new int[] {1});
            Shape s = pooled.getShape();
            keys = pooled.expandDims(0).broadcast(new Shape(r, s.get(0), s.get(1)));
        }
        if (privates != null) {
            NDArray pooled = privates.mean(new int[] {1});
            NDArray own = perExample() ? byTask(pooled) : pooled;
            NDArray column = own.expandDims(1);
            keys = keys == null ? column : keys.concat(column, 1);
        }
        if (keys == null) {
            throw new IllegalStateException("router input: no candidates (no sources and no private prompts)");
        }
        return keys;
    }

    /**
     * Row {@code tasks[b]} of a per-task array for every example {@code b}: {@code [T, ...]} to {@code [B, ...]},
     * differentiable with respect to {@code perTask}.
     */
    public NDArray byTask(NDArray perTask) {
        if (!perExample()) {
            throw new IllegalStateException("router input: byTask needs per-example tasks");
        }
        Shape shape = perTask.getShape();
        long width = shape.size() / shape.get(0);
        NDArray flat = perTask.reshape(shape.get(0), width);
        NDArray ids = scope.create(tasks, new Shape(tasks.length));
        NDArray picked = ids.getNDArrayInternal().embedding(ids, flat, SparseFormat.DENSE).singletonOrThrow();
        long[] out = shape.getShape().clone();
        out[0] = tasks.length;
        return picked.reshape(new Shape(out));
    }
}
