package dev.crosspt.api.schedule;

/**
 * A learning-rate schedule for one parameter group: the multiplier applied to the group's base rate at each
 * optimizer step.
 *
 * <p>Contract: defined for every step in {@code [0, totalSteps]}, finite and non-negative.
 */
public interface LrSchedule {

    /**
     * The multiplier on the base learning rate.
     *
     * @param step the optimizer step, from 0
     * @param totalSteps steps the run will take
     */
    double multiplier(long step, long totalSteps);

    /** The learning rate at a step for a base rate. */
    default double rate(double baseRate, long step, long totalSteps) {
        return baseRate * multiplier(step, totalSteps);
    }
}
