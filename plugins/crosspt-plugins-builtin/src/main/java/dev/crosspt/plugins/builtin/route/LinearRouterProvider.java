package dev.crosspt.plugins.builtin.route;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterProvider;

/**
 * Provides {@link LinearRouter} as {@code linear}. Settings: {@code query-size} (the task query's width r, default
 * 32), {@code learning-rate} (default: the shared prompts' rate).
 */
public final class LinearRouterProvider implements RouterProvider {

    /** For ServiceLoader. */
    public LinearRouterProvider() {}

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public String description() {
        return "task query x learned matrix x a key per candidate (its encoded prompt, averaged)";
    }

    @Override
    public Router create(PluginSettings settings) {
        settings.requireOnly("query-size", RouterParameters.LEARNING_RATE);
        return new LinearRouter(RouterParameters.size(settings, "query-size", 32),
                RouterParameters.learningRate(settings));
    }
}
