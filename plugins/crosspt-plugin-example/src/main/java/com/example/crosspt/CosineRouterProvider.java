package com.example.crosspt;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterProvider;

/** Provides {@link CosineRouter} as {@code cosine}. Setting: {@code scale} (the largest logit, default 5). */
public final class CosineRouterProvider implements RouterProvider {

    /** For ServiceLoader. */
    public CosineRouterProvider() {}

    @Override
    public String name() {
        return "cosine";
    }

    @Override
    public String description() {
        return "scale x cosine of a learned task query and each candidate's key";
    }

    @Override
    public Router create(PluginSettings settings) {
        settings.requireOnly("scale");
        double scale = settings.getDouble("scale", 5.0);
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw settings.wrong("scale", "a positive number", settings.values().get("scale"));
        }
        return new CosineRouter(scale);
    }
}
