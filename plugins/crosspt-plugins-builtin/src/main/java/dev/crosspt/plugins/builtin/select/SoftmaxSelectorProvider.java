package dev.crosspt.plugins.builtin.select;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;

/**
 * Provides {@link SoftmaxSelector} as {@code softmax}. Settings: {@code temperature} (a positive number, default
 * 1; {@code "1/M"}; or {@code "anneal"} with {@code final-temperature}, default 0.001, and
 * {@code anneal-fraction}, default 0.6).
 */
public final class SoftmaxSelectorProvider implements SourceSelectorProvider {

    /** For ServiceLoader. */
    public SoftmaxSelectorProvider() {}

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public String description() {
        return "softmax(logits / temperature) per task; temperature a number, 1/M, or annealed as the authors do";
    }

    @Override
    public SourceSelector create(PluginSettings settings) {
        settings.requireOnly(Temperature.KEY, Temperature.FINAL_KEY, Temperature.FRACTION_KEY);
        return new SoftmaxSelector(Temperature.fromSettings(settings, 1.0));
    }
}
