package dev.crosspt.api.compose;

import dev.crosspt.api.plugin.PluginProvider;
import dev.crosspt.api.plugin.PluginSettings;

/** Makes {@link PromptComposer}s; found by {@link java.util.ServiceLoader} under its {@link #name()}. */
public interface PromptComposerProvider extends PluginProvider {

    /**
     * Creates a composer for one run.
     *
     * @throws dev.crosspt.api.InvalidInputException for a bad or unknown setting
     */
    PromptComposer create(PluginSettings settings);
}
