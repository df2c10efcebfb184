package dev.crosspt.plugins.builtin.select;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;

/**
 * Provides {@link TopKSelector} as {@code topk}. Settings: {@code k} (a whole number at least 1, default 2) and
 * the temperature settings of
 * {@code softmax} (default 1). With {@code k: 1} it is the hard, top-1 selector.
 */
public final class TopKSelectorProvider implements SourceSelectorProvider {

    /** For ServiceLoader. */
    public TopKSelectorProvider() {}

    @Override
    public String name() {
        return "topk";
    }

    @Override
    public String description() {
        return "softmax over each task's k largest logits, zero weight for the rest (sparse routing)";
    }

    @Override
    public SourceSelector create(PluginSettings settings) {
        settings.requireOnly(withTemperature("k"));
        int k = settings.getInt("k", 2);
        if (k < 1) {
            throw settings.wrong("k", "a whole number >= 1", settings.values().get("k"));
        }
        return new TopKSelector(k, Temperature.fromSettings(settings, 1.0, Temperature.Family.SOFTMAX));
    }

    /** The temperature's settings plus {@code own}. */
    static String[] withTemperature(String... own) {
        String[] all = java.util.Arrays.copyOf(own, own.length + Temperature.KEYS.length);
        System.arraycopy(Temperature.KEYS, 0, all, own.length, Temperature.KEYS.length);
        return all;
    }
}
