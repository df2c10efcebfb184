package dev.crosspt.plugins.builtin.schedule;

import dev.crosspt.api.schedule.LrSchedule;

/** The base rate throughout: the multiplier is always 1. */
public final class ConstantSchedule implements LrSchedule {

    /** Creates the schedule. */
    public ConstantSchedule() {}

    @Override
    public double multiplier(long step, long totalSteps) {
        Steps.check("constant", step, totalSteps);
        return 1.0;
    }
}
