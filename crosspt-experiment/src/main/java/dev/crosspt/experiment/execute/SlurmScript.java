package dev.crosspt.experiment.execute;

import dev.crosspt.api.execute.CellBatch;
import dev.crosspt.api.execute.CellRef;
import java.util.List;
import java.util.stream.Collectors;

/** The batch script of a job array: a table from array index to cell, then the cell's command. */
final class SlurmScript {

    private SlurmScript() {}

    static String of(CellBatch batch, List<CellRef> cells) {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n")
                .append("# crosspt ablate ").append(batch.name()).append(": one cell per array task\n")
                .append("set -uo pipefail\n")
                .append("case \"${SLURM_ARRAY_TASK_ID:?not run as a Slurm array task}\" in\n");
        for (int i = 0; i < cells.size(); i++) {
            CellRef cell = cells.get(i);
            s.append("  ").append(i).append(") dir=").append(quote(cell.dir().toAbsolutePath().toString()))
                    .append("\n     cmd=(").append(batch.command(cell).stream().map(SlurmScript::quote)
                            .collect(Collectors.joining(" "))).append(") ;;\n");
        }
        s.append("  *) echo \"no cell for array task $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;\n")
                .append("esac\n")
                .append("mkdir -p \"$dir\"\n")
                .append("exec >>\"$dir/").append(CellRef.LOG).append("\" 2>&1\n")
                .append("echo \"== slurm job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} on $(hostname) at")
                .append(" $(date -u +%Y-%m-%dT%H:%M:%SZ), restart ${SLURM_RESTART_COUNT:-0}\"\n")
                .append("exec \"${cmd[@]}\"\n");
        return s.toString();
    }

    /** One shell word, in single quotes. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
