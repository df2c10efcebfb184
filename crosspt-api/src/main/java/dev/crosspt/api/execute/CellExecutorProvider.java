package dev.crosspt.api.execute;

import dev.crosspt.api.plugin.PluginProvider;
import dev.crosspt.api.plugin.PluginSettings;

/**
 * Makes {@link CellExecutor}s, which decide where an ablation's cells run: {@code local} (one after another in
 * this process) and {@code slurm} are built in; a Kubernetes Jobs executor, say, is one more provider. Found by
 * {@link java.util.ServiceLoader} under its {@link #name()}, chosen with {@code ablate --executor NAME} or a spec's
 * {@code executor:} section.
 */
public interface CellExecutorProvider extends PluginProvider {

    /**
     * Creates an executor.
     *
     * @param settings the spec's {@code executor:} section without {@code name}
     * @throws dev.crosspt.api.InvalidInputException for a bad or unknown setting
     */
    CellExecutor create(PluginSettings settings);
}
