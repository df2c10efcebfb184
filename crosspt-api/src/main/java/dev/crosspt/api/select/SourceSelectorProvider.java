package dev.crosspt.api.select;

import dev.crosspt.api.plugin.PluginProvider;
import dev.crosspt.api.plugin.PluginSettings;

/** Makes {@link SourceSelector}s; found by {@link java.util.ServiceLoader} under its {@link #name()}. */
public interface SourceSelectorProvider extends PluginProvider {

    /**
     * Creates a selector for one run.
     *
     * @param settings the experiment's settings for this selector; unknown ones must be rejected
     * @throws dev.crosspt.api.InvalidInputException for a bad or unknown setting
     */
    SourceSelector create(PluginSettings settings);
}
