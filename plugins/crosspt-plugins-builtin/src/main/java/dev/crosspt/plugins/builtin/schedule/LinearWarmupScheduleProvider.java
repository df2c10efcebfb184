package dev.crosspt.plugins.builtin.schedule;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.schedule.LrSchedule;
import dev.crosspt.api.schedule.LrScheduleProvider;

/**
 * Provides {@link LinearWarmupSchedule} as {@code linear-warmup}. Settings: {@code warmup} (a fraction of the run in
 * [0, 1), default 0.06) or {@code warmup-steps} (a whole number at least 0), not both.
 */
public final class LinearWarmupScheduleProvider implements LrScheduleProvider {

    /** For ServiceLoader. */
    public LinearWarmupScheduleProvider() {}

    @Override
    public String name() {
        return "linear-warmup";
    }

    @Override
    public String description() {
        return "linear warm-up from 0 to the base rate, then linear decay to 0 (Hugging Face's linear schedule)";
    }

    @Override
    public LrSchedule create(PluginSettings settings) {
        settings.requireOnly(Warmup.FRACTION_KEY, Warmup.STEPS_KEY);
        return new LinearWarmupSchedule(Warmup.fromSettings(settings, 0.06));
    }
}
