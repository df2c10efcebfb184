package dev.crosspt.experiment.execute;

import dev.crosspt.api.execute.CellExecutor;
import dev.crosspt.api.execute.CellExecutorProvider;
import dev.crosspt.api.plugin.PluginSettings;

/** {@code slurm}: the unfinished cells as one Slurm job array, each task running one cell. */
public final class SlurmExecutorProvider implements CellExecutorProvider {

    @Override
    public String name() {
        return "slurm";
    }

    @Override
    public String description() {
        return "submits the unfinished cells as one Slurm job array (sbatch), one cell per task";
    }

    @Override
    public CellExecutor create(PluginSettings settings) {
        return new SlurmExecutor(SlurmSettings.of(settings));
    }
}
