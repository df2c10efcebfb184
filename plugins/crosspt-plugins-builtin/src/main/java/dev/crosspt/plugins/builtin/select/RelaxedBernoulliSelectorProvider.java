package dev.crosspt.plugins.builtin.select;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;

/**
 * Provides {@link RelaxedBernoulliSelector} as {@code relaxed-bernoulli}. Settings: {@code temperature} (as for
 * {@code softmax}, default 1; the authors anneal it: {@code "anneal"}).
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
        settings.requireOnly(Temperature.KEY, Temperature.FINAL_KEY, Temperature.FRACTION_KEY);
        return new RelaxedBernoulliSelector(Temperature.fromSettings(settings, 1.0));
    }
}
