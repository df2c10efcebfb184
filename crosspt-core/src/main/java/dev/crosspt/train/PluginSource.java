package dev.crosspt.train;

import dev.crosspt.api.plugin.PluginProvider;
import dev.crosspt.api.plugin.Plugins;

/**
 * Where the trainer gets its plugin providers by name: {@link java.util.ServiceLoader} by default, or the bindings
 * of a Guice injector, so that a plugin a user's module contributes reaches the training loop.
 */
public interface PluginSource {

    /**
     * The provider of a kind with this name.
     *
     * @throws dev.crosspt.api.InvalidInputException for an unknown name, listing the known ones
     */
    <P extends PluginProvider> P provider(Class<P> kind, String name);

    /** Providers found by {@link Plugins#find}: ServiceLoader, then a class name. */
    static PluginSource serviceLoader() {
        return Plugins::find;
    }
}
