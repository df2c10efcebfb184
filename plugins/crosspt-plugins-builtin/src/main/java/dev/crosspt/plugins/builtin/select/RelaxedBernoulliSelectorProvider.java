package dev.crosspt.plugins.builtin.select;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;

/**
 * Provides {@link RelaxedBernoulliSelector} as {@code relaxed-bernoulli}. Settings: the temperature settings of
 * {@code softmax} (default 1), plus the authors' schedule {@code temperature: anneal} (from 5, 3 or 1 by training
 * examples per task down to {@code final-temperature}, default 0.001, over {@code anneal-fraction}, default 0.6).
 */
public final class RelaxedBernoulliSelectorProvider implements SourceSelectorProvider {

    /** For ServiceLoader. */
    public RelaxedBernoulliSelectorProvider() {}

    @Override
    public String name() {
        return "relaxed-bernoulli";
    }

    @Override
    public String description() {
        return "the authors' selector: RelaxedBernoulli(temperature, logits) samples in training, sigmoid at evaluation,"
                + " normalised per task";
    }

    @Override
    public SourceSelector create(PluginSettings settings) {
        settings.requireOnly(Temperature.KEYS);
        return new RelaxedBernoulliSelector(Temperature.fromSettings(settings, 1.0, Temperature.Family.RELAXED));
    }
}
