package dev.crosspt.plugins.builtin.schedule;

import dev.crosspt.api.schedule.LrSchedule;
import java.util.Objects;

/**
 * Hugging Face's {@code get_linear_schedule_with_warmup}: with {@code w} warm-up steps, the multiplier is
 * {@code step / w} while {@code step < w}, then {@code max(0, (total - step) / (total - w))}: 0 at the first step,
 * 1 at the end of the warm-up, 0 at the last.
 */
public final class LinearWarmupSchedule implements LrSchedule {

    private final Warmup warmup;

    /**
     * Creates the schedule.
     *
     * @param warmup the length of the warm-up
     */
    public LinearWarmupSchedule(Warmup warmup) {
        this.warmup = Objects.requireNonNull(warmup, "warmup");
    }

    /** The length of the warm-up. */
    public Warmup warmup() {
        return warmup;
    }

    @Override
    public double multiplier(long step, long totalSteps) {
        Steps.check("linear-warmup", step, totalSteps);
        long w = warmup.stepsFor(totalSteps);
        if (step < w) {
            return Warmup.rise(step, w);
        }
        return Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - w));
    }
}
