package dev.crosspt.api.select;

import ai.djl.ndarray.NDManager;

/**
 * Where training stands when a selector turns router logits into weights.
 *
 * @param scope the manager for this step's temporaries (random noise included)
 * @param training true during training steps, false for evaluation (no sampling, no annealing noise)
 * @param step the optimizer step, from 0
 * @param totalSteps steps the run will take
 * @param samplesPerTask training examples per task (the authors pick the starting temperature from it)
 */
public record SelectionContext(NDManager scope, boolean training, long step, long totalSteps, int samplesPerTask) {

    /** Fraction of training done, in [0, 1]. */
    public double progress() {
        return totalSteps <= 0 ? 1.0 : Math.min(1.0, (double) step / totalSteps);
    }
}
