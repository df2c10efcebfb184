package dev.crosspt.plugins.builtin.schedule;

import dev.crosspt.api.schedule.LrSchedule;
import java.util.Objects;

/**
 * A linear warm-up (none by default) followed by a half cosine from 1 down to {@code min}:
 * {@code min + (1 - min) * 0.5 * (1 + cos(pi * p))}, with {@code p} the share of the post-warm-up steps done.
 */
public final class CosineSchedule implements LrSchedule {

    private final Warmup warmup;
    private final double min;

    /**
     * Creates the schedule.
     *
     * @param warmup the length of the warm-up
     * @param min the final multiplier, in [0, 1]
     */
    public CosineSchedule(Warmup warmup, double min) {
        this.warmup = Objects.requireNonNull(warmup, "warmup");
        if (!(min >= 0 && min <= 1)) {
            throw new IllegalArgumentException("cosine: min must be in [0, 1], got " + min);
        }
        this.min = min;
    }

    /** The length of the warm-up. */
    public Warmup warmup() {
        return warmup;
    }

    /** The final multiplier. */
    public double min() {
        return min;
    }

    @Override
    public double multiplier(long step, long totalSteps) {
        Steps.check("cosine", step, totalSteps);
        long w = warmup.stepsFor(totalSteps);
        if (step < w) {
            return Warmup.rise(step, w);
        }
        double progress = Math.min(1.0, (double) (step - w) / Math.max(1, totalSteps - w));
        return min + (1 - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
