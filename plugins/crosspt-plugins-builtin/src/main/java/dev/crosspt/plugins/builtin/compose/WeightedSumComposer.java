package dev.crosspt.plugins.builtin.compose;

import ai.djl.ndarray.NDArray;
import dev.crosspt.api.compose.PromptComposer;

/**
 * The paper's {@code wavg}: each task's prompt is the weighted sum of its candidates,
 * {@code P_t = sum_k w_tk C_k}, with {@code C} the M sources followed by the task's private prompt.
 * Output {@code [T, L, d]}.
 */
public final class WeightedSumComposer implements PromptComposer {

    /** Creates the composer (it has no settings). */
    public WeightedSumComposer() {}

    /** @throws IllegalArgumentException naming the shapes when they do not fit together */
    @Override
    public NDArray compose(NDArray sources, NDArray privates, NDArray weights) {
        return WeightedCandidates.of(sources, privates, weights, "weighted-sum").sum(new int[] {1});
    }

    /** L: the candidates are summed, not concatenated. */
    @Override
    public int composedLength(int promptLength, int candidates) {
        Lengths.check(promptLength, candidates);
        return promptLength;
    }
}
