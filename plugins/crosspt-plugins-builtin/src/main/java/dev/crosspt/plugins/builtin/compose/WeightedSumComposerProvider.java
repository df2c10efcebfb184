package dev.crosspt.plugins.builtin.compose;

import dev.crosspt.api.compose.PromptComposer;
import dev.crosspt.api.compose.PromptComposerProvider;
import dev.crosspt.api.plugin.PluginSettings;

/** Provides {@link WeightedSumComposer} as {@code weighted-sum}. It has no settings. */
public final class WeightedSumComposerProvider implements PromptComposerProvider {

    /** For ServiceLoader. */
    public WeightedSumComposerProvider() {}

    @Override
    public String name() {
        return "weighted-sum";
    }

    @Override
    public String description() {
        return "weighted sum of the candidate prompts (the paper's wavg): length L";
    }

    @Override
    public PromptComposer create(PluginSettings settings) {
        settings.requireOnly();
        return new WeightedSumComposer();
    }
}
