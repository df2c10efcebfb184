package dev.crosspt.plugins.builtin.schedule;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.schedule.LrSchedule;
import dev.crosspt.api.schedule.LrScheduleProvider;

/** Provides {@link ConstantSchedule} as {@code constant}. It has no settings. */
public final class ConstantScheduleProvider implements LrScheduleProvider {

    /** For ServiceLoader. */
    public ConstantScheduleProvider() {}

    @Override
    public String name() {
        return "constant";
    }

    @Override
    public String description() {
        return "the base learning rate at every step";
    }

    @Override
    public LrSchedule create(PluginSettings settings) {
        settings.requireOnly();
        return new ConstantSchedule();
    }
}
