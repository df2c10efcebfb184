package dev.crosspt.api.select;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;

/**
 * Turns each task's router logits into weights over its candidate prompts: the shared sources, then the
 * task's private prompt when the variant has one.
 *
 * <p>Contract (checked by the SPI contract tests): every row of the result is a probability distribution
 * (non-negative, summing to 1); the result is differentiable with respect to the logits wherever the weight
 * is not forced to zero; evaluation ({@code training == false}) is deterministic; training-time sampling draws
 * from the engine's random generator, so a fixed engine seed reproduces it.
 */
public interface SourceSelector {

    /**
     * Computes the weights.
     *
     * @param logits {@code [T, K]} router logits, one row per task, one column per candidate; {@code [B, K]}, one row
     *     per example, when the {@link dev.crosspt.api.route.Router router} weighs each example: a selector must
     *     treat rows alike (its own parameters per candidate, not per task)
     * @param context the step's scope and where training stands
     * @return weights of the logits' shape, each row summing to 1, in {@code context.scope()}
     */
    NDArray select(NDArray logits, SelectionContext context);

    /**
     * Creates any trainable parameters the selector owns (a learned gate, say) before training starts.
     *
     * @param parameters the manager that owns the run's parameters
     * @param tasks number of tasks T
     * @param candidates number of candidates K per task
     */
    default void initialize(NDManager parameters, int tasks, int candidates) {}

    /** Trainable parameters created by {@link #initialize}, by a stable name (saved in checkpoints). */
    default Map<String, NDArray> parameters() {
        return Map.of();
    }

    /**
     * A term added to the training loss, such as a sparsity penalty on a gate, or null for none.
     *
     * @param context the current step
     */
    default NDArray regularizer(SelectionContext context) {
        return null;
    }

    /**
     * What the selector decided that a report should show, such as which sources survived pruning.
     *
     * @param sourceNames the names of the K candidates, in column order
     */
    default Map<String, Object> summary(List<String> sourceNames) {
        return Map.of();
    }
}
