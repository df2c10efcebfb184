package dev.crosspt.plugins.builtin.route;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterProvider;

/**
 * Provides {@link TableRouter} as {@code table}, the default: a free logit per task and candidate. Setting:
 * {@code learning-rate} (its own base rate; default: the shared prompts' rate).
 */
public final class TableRouterProvider implements RouterProvider {

    /** For ServiceLoader. */
    public TableRouterProvider() {}

    @Override
    public String name() {
        return "table";
    }

    @Override
    public String description() {
        return "a free logit per task and candidate, zero at the start (the default)";
    }

    @Override
    public Router create(PluginSettings settings) {
        settings.requireOnly(RouterParameters.LEARNING_RATE);
        return new TableRouter(RouterParameters.learningRate(settings));
    }
}
