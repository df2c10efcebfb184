package dev.crosspt.api.route;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.crosspt.api.backbone.InputFeature;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Produces the router logits a {@link dev.crosspt.api.select.SourceSelector} turns into weights over each task's
 * candidate prompts: a free table per task, a function of the prompts, or a function of each input.
 *
 * <p>A per-task router returns {@code [T, K]} logits and the trainer composes one prompt per task, as before
 * routers were plugins. A {@link #perExample() per-example} router returns {@code [B, K]} logits from each example's
 * {@link #inputFeature() input feature}, and the trainer composes one prompt per example.
 *
 * <p>Contract (checked by the SPI contract tests in {@code crosspt-testkit}): the logits have the shape above and
 * are finite; they are differentiable with respect to every parameter in {@link #parameters()}; the same
 * parameters and input give the same logits; nothing is left in the parameters' manager by {@link #logits}.
 */
public interface Router {

    /**
     * Creates the router's trainable parameters before training starts; their initial values come from
     * {@code shape.seed()} only, so a seed reproduces them.
     *
     * @param parameters the manager that owns the run's parameters
     */
    void initialize(NDManager parameters, RouterShape shape);

    /**
     * Trainable parameters created by {@link #initialize}, by a stable name; checkpoints keep them as
     * {@code router.<name>} ({@code router} alone for the empty name, as the table has always been kept).
     */
    Map<String, NDArray> parameters();

    /**
     * The logits.
     *
     * @return {@code [input.rows(), K]} in {@code input.scope()}
     */
    NDArray logits(RouterInput input);

    /** True when the logits depend on the input: the trainer then composes one prompt per example. */
    default boolean perExample() {
        return false;
    }

    /** What a per-example router reads of each input; the trainer refuses a backbone that cannot give it. */
    default InputFeature inputFeature() {
        return InputFeature.EMBEDDINGS;
    }

    /**
     * The base learning rate of the router's parameters when its settings give one; empty (the default) puts them
     * in the shared prompts' fast group. Either way the run's schedule applies.
     */
    default OptionalDouble learningRate() {
        return OptionalDouble.empty();
    }
}
