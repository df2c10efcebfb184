package dev.crosspt.plugins.builtin.route;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.InputFeature;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterProvider;

/**
 * Provides {@link InstanceRouter} as {@code instance}. Settings: {@code input} ({@code embeddings}, the default: the
 * input's token embeddings averaged; or {@code encoder}: the prompt-free encoder output averaged, which costs an
 * encoder run per batch and needs a backbone that offers it), {@code hidden} (the projection's width, default 64),
 * {@code learning-rate} (default: the shared prompts' rate).
 */
public final class InstanceRouterProvider implements RouterProvider {

    /** For ServiceLoader. */
    public InstanceRouterProvider() {}

    @Override
    public String name() {
        return "instance";
    }

    @Override
    public String description() {
        return "ATTEMPT-style: a query per example from its input (pooled embeddings or encoder output) over the keys";
    }

    @Override
    public Router create(PluginSettings settings) {
        settings.requireOnly("input", "hidden", RouterParameters.LEARNING_RATE);
        InputFeature feature;
        try {
            feature = InputFeature.parse(settings.getString("input", InputFeature.EMBEDDINGS.label()));
        } catch (InvalidInputException e) {
            throw settings.wrong("input", "embeddings or encoder", settings.values().get("input"));
        }
        return new InstanceRouter(RouterParameters.size(settings, "hidden", 64), feature,
                RouterParameters.learningRate(settings));
    }
}
