package dev.crosspt.plugins.builtin.compose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.compose.PromptComposer;

/**
 * The paper's {@code cat}: each candidate is scaled by its weight and the K results are concatenated along the
 * length axis, sources first, the private prompt last. Output {@code [T, K * L, d]}.
 */
public final class ConcatComposer implements PromptComposer {

    /** Creates the composer (it has no settings). */
    public ConcatComposer() {}

    /** @throws IllegalArgumentException naming the shapes when they do not fit together */
    @Override
    public NDArray compose(NDArray sources, NDArray privates, NDArray weights) {
        NDArray weighted = WeightedCandidates.of(sources, privates, weights, "concat");
        Shape shape = weighted.getShape();
        return weighted.reshape(shape.get(0), shape.get(1) * shape.get(2), shape.get(3));
    }

    /** K * L: one block of L positions per candidate. */
    @Override
    public int composedLength(int promptLength, int candidates) {
        Lengths.check(promptLength, candidates);
        return Math.multiplyExact(promptLength, candidates);
    }
}
