package dev.crosspt.api.route;

import dev.crosspt.api.plugin.PluginProvider;
import dev.crosspt.api.plugin.PluginSettings;

/** Makes {@link Router}s; found by {@link java.util.ServiceLoader} under its {@link #name()}. */
public interface RouterProvider extends PluginProvider {

    /**
     * Creates a router for one run.
     *
     * @param settings the experiment's settings for this router; unknown ones must be rejected
     * @throws dev.crosspt.api.InvalidInputException for a bad or unknown setting, naming it
     */
    Router create(PluginSettings settings);
}
