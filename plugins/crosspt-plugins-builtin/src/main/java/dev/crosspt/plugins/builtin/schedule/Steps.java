package dev.crosspt.plugins.builtin.schedule;

/** Argument checks the schedules share. */
final class Steps {

    private Steps() {}

    /** @throws IllegalArgumentException when either is negative */
    static void check(String schedule, long step, long totalSteps) {
        if (step < 0 || totalSteps < 0) {
            throw new IllegalArgumentException(schedule + ": step and totalSteps must be non-negative, got step=" + step
                    + ", totalSteps=" + totalSteps);
        }
    }
}
