package com.example.crosspt;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;

/**
 * Provides {@link SparsemaxSelector} under the name {@code sparsemax}. Setting: {@code temperature} (a positive
 * number, default 1).
 *
 * <p>Listed in {@code META-INF/services/dev.crosspt.api.select.SourceSelectorProvider}; that line is what makes
 * {@code Plugins.find(SourceSelectorProvider.class, "sparsemax")} find it once the jar is on the class path.
 */
public final class SparsemaxSelectorProvider implements SourceSelectorProvider {

    /** ServiceLoader needs a public no-argument constructor. */
    public SparsemaxSelectorProvider() {}

    @Override
    public String name() {
        return "sparsemax";
    }

    @Override
    public String description() {
        return "sparsemax (Martins & Astudillo 2016): projection of logits onto the simplex, exact zeros for weak sources";
    }

    @Override
    public SourceSelector create(PluginSettings settings) {
        settings.requireOnly("temperature");
        double temperature = settings.getDouble("temperature", 1.0);
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw settings.wrong("temperature", "a positive number", settings.values().get("temperature"));
        }
        return new SparsemaxSelector(temperature);
    }
}
