package dev.crosspt.plugins.builtin.select;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;

/**
 * Provides {@link SoftmaxSelector} as {@code softmax}. Settings: {@code temperature} (a positive number,
 * default 1; {@code "1/M"} is short for 1 with {@code per-source}), {@code per-source} (divide by the number of
 * source prompts M: the paper's {@code tau0 / M}), {@code final-temperature} (anneal linearly to it, at least
 * 0.01) and {@code anneal-fraction} (default 0.6). {@code temperature: anneal} is refused: it is the authors'
 * schedule for relaxed-Bernoulli gates and makes a softmax an argmax.
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
        return "softmax(logits / temperature) per task; temperature fixed or tau0/M (M source prompts), optionally annealed";
    }

    @Override
    public SourceSelector create(PluginSettings settings) {
        settings.requireOnly(Temperature.KEYS);
        return new SoftmaxSelector(Temperature.fromSettings(settings, 1.0, Temperature.Family.SOFTMAX));
    }
}
