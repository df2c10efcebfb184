package dev.crosspt.api.select;

import ai.djl.ndarray.NDManager;

/**
 * Where training stands when a selector turns router logits into weights.
 *
 * <p>Evaluation at step {@code s} passes {@code step = s}: a selector whose temperature follows a schedule scores
 * the model at the temperature it was trained with at that step, never at a later or final one.
 *
 * @param scope the manager for this step's temporaries (random noise included)
 * @param training true during training steps, false for evaluation (no sampling noise)
 * @param step the optimizer step, from 0; at evaluation, the step whose model is scored
 * @param totalSteps steps the run will take
 * @param samplesPerTask training examples per task (the authors pick the starting temperature from it)
 * @param sources M, the number of shared source prompts among the candidates (0 for prompt tuning alone);
 *     the candidates are these M sources, then the task's private prompt when the variant has one
 */
public record SelectionContext(NDManager scope, boolean training, long step, long totalSteps, int samplesPerTask,
        int sources) {

    /** Checks the counts. */
    public SelectionContext {
        if (sources < 0) {
            throw new IllegalArgumentException("sources must be 0 or more, got " + sources);
        }
    }

    /** Fraction of training done, in [0, 1]. */
    public double progress() {
        return totalSteps <= 0 ? 1.0 : Math.min(1.0, (double) step / totalSteps);
    }
}
