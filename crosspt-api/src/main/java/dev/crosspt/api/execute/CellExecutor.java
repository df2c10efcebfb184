package dev.crosspt.api.execute;

import java.nio.file.Path;
import java.util.Map;

/**
 * Runs an ablation's unfinished cells somewhere: in this process, or as jobs of a scheduler that each call the
 * single-cell entry point ({@link CellBatch#command}). Whatever runs a cell claims it first and marks it done
 * last, so an executor never needs to know how cells are trained, and two workers never train the same cell.
 */
public interface CellExecutor {

    /**
     * Runs, or submits, the batch's cells.
     *
     * @return whether every cell of the batch is now done, and a line for the user
     * @throws ExecutorException when the scheduler is missing, refuses the work or fails; nothing is marked done
     */
    Outcome execute(CellBatch batch);

    /**
     * The cells of an ablation directory that this executor has queued and that have not started, with a short
     * description each (such as the job id). Used by {@code ablate status}; none by default.
     *
     * @param out the ablation's directory
     */
    default Map<String, String> queued(Path out) {
        return Map.of();
    }

    /**
     * What {@link #execute} achieved.
     *
     * @param finished true when every cell of the batch is done, so the ablation's report can be written
     * @param message one line for the user, such as the job id and how to follow it
     */
    record Outcome(boolean finished, String message) {}
}
