package dev.crosspt.plugins.builtin.schedule;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.schedule.LrSchedule;
import dev.crosspt.api.schedule.LrScheduleProvider;

/**
 * Provides {@link CosineSchedule} as {@code cosine}. Settings: {@code warmup} (a fraction in [0, 1), default 0) or
 * {@code warmup-steps}, not both; {@code min} (the final multiplier in [0, 1], default 0).
 */
public final class CosineScheduleProvider implements LrScheduleProvider {

    /** For ServiceLoader. */
    public CosineScheduleProvider() {}

    @Override
    public String name() {
        return "cosine";
    }

    @Override
    public String description() {
        return "optional linear warm-up, then half-cosine decay from the base rate to min times it";
    }

    @Override
    public LrSchedule create(PluginSettings settings) {
        settings.requireOnly(Warmup.FRACTION_KEY, Warmup.STEPS_KEY, "min");
        double min = settings.getDouble("min", 0.0);
        if (!(min >= 0 && min <= 1)) {
            throw settings.wrong("min", "a number in [0, 1]", settings.values().get("min"));
        }
        return new CosineSchedule(Warmup.fromSettings(settings, 0.0), min);
    }
}
