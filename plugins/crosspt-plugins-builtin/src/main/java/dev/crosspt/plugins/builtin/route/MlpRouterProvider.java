package dev.crosspt.plugins.builtin.route;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterProvider;

/**
 * Provides {@link MlpRouter} as {@code mlp}. Settings: {@code hidden} (the network's hidden units, default 64),
 * {@code query-size} (default 32), {@code learning-rate} (default: the shared prompts' rate).
 */
public final class MlpRouterProvider implements RouterProvider {

    /** For ServiceLoader. */
    public MlpRouterProvider() {}

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "task query x a two-layer network of each candidate's key (hidden size a setting)";
    }

    @Override
    public Router create(PluginSettings settings) {
        settings.requireOnly("hidden", "query-size", RouterParameters.LEARNING_RATE);
        return new MlpRouter(RouterParameters.size(settings, "hidden", 64), RouterParameters.size(settings, "query-size", 32),
                RouterParameters.learningRate(settings));
    }
}
