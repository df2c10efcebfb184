package dev.crosspt.plugins.builtin.compose;

import dev.crosspt.api.compose.PromptComposer;
import dev.crosspt.api.compose.PromptComposerProvider;
import dev.crosspt.api.plugin.PluginSettings;

/** Provides {@link ConcatComposer} as {@code concat}. It has no settings. */
public final class ConcatComposerProvider implements PromptComposerProvider {

    /** For ServiceLoader. */
    public ConcatComposerProvider() {}

    @Override
    public String name() {
        return "concat";
    }

    @Override
    public String description() {
        return "weighted candidate prompts concatenated along the length axis (the paper's cat): length K * L";
    }

    @Override
    public PromptComposer create(PluginSettings settings) {
        settings.requireOnly();
        return new ConcatComposer();
    }
}
