package dev.crosspt.api.schedule;

import dev.crosspt.api.plugin.PluginProvider;
import dev.crosspt.api.plugin.PluginSettings;

/** Makes {@link LrSchedule}s; found by {@link java.util.ServiceLoader} under its {@link #name()}. */
public interface LrScheduleProvider extends PluginProvider {

    /**
     * Creates a schedule for one parameter group.
     *
     * @throws dev.crosspt.api.InvalidInputException for a bad or unknown setting
     */
    LrSchedule create(PluginSettings settings);
}
