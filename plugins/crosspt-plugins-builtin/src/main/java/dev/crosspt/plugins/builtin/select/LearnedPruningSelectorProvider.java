package dev.crosspt.plugins.builtin.select;

import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;

/**
 * Provides {@link LearnedPruningSelector} as {@code learned-pruning}. Settings: {@code temperature} (as for
 * {@code softmax}, default 1), {@code gate-init} (default 2.0), {@code gate-temperature} (default 0.5),
 * {@code threshold} (default 0.5), {@code sparsity} (default 0.01) and {@code exempt-private} (default true: the
 * tasks' private prompts are never gated, so pruning chooses among sources only and cannot switch every task's
 * private prompt off at once).
 */
public final class LearnedPruningSelectorProvider implements SourceSelectorProvider {

    /** For ServiceLoader. */
    public LearnedPruningSelectorProvider() {}

    @Override
    public String name() {
        return "learned-pruning";
    }

    @Override
    public String description() {
        return "softmax times a learned, sparsity-penalised gate per candidate: prunes sources no task needs";
    }

    @Override
    public SourceSelector create(PluginSettings settings) {
        settings.requireOnly(TopKSelectorProvider.withTemperature("gate-init", "gate-temperature", "threshold",
                "sparsity", "exempt-private"));
        LearnedPruningSelector.Options defaults = LearnedPruningSelector.Options.defaults();
        double gateInit = settings.getDouble("gate-init", defaults.gateInit());
        if (!Double.isFinite(gateInit)) {
            throw settings.wrong("gate-init", "a finite number", settings.values().get("gate-init"));
        }
        double gateTemperature = settings.getDouble("gate-temperature", defaults.gateTemperature());
        if (!(gateTemperature > 0) || !Double.isFinite(gateTemperature)) {
            throw settings.wrong("gate-temperature", "a positive number", settings.values().get("gate-temperature"));
        }
        double threshold = settings.getDouble("threshold", defaults.threshold());
        if (!(threshold > 0 && threshold < 1)) {
            throw settings.wrong("threshold", "a number in (0, 1)", settings.values().get("threshold"));
        }
        double sparsity = settings.getDouble("sparsity", defaults.sparsity());
        if (!(sparsity >= 0) || !Double.isFinite(sparsity)) {
            throw settings.wrong("sparsity", "a non-negative number", settings.values().get("sparsity"));
        }
        return new LearnedPruningSelector(new LearnedPruningSelector.Options(
                Temperature.fromSettings(settings, 1.0, Temperature.Family.SOFTMAX), gateInit, gateTemperature, threshold, sparsity,
                settings.getBoolean("exempt-private", defaults.exemptPrivate())));
    }
}
