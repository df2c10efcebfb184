package dev.crosspt.api.compose;

import ai.djl.ndarray.NDArray;

/**
 * Builds each task's soft prompt from the (encoded) source prompts, its private prompt and its weights.
 *
 * <p>Contract: the result for task {@code t} depends only on row {@code t} of the weights and on task
 * {@code t}'s private prompt; gradients reach every input whose weight is not zero.
 */
public interface PromptComposer {

    /**
     * Composes the prompts of all tasks at once.
     *
     * @param sources {@code [M, L, d]} encoded source prompts (M may be 0)
     * @param privates {@code [T, L, d]} encoded private prompts, or null when the variant has none
     * @param weights {@code [T, K]} with {@code K = M} (no privates) or {@code M + 1} (the private prompt last).
     *     With a per-example {@link dev.crosspt.api.route.Router router} the rows are examples: {@code [B, K]}
     *     weights and each example's task's private prompt, {@code [B, L, d]}
     * @return {@code [T, composedLength(L, K), d]}
     */
    NDArray compose(NDArray sources, NDArray privates, NDArray weights);

    /**
     * The length of a composed prompt.
     *
     * @param promptLength L, the length of each source and private prompt
     * @param candidates K, the number of weighted prompts
     */
    int composedLength(int promptLength, int candidates);
}
