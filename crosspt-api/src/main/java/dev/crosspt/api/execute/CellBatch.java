package dev.crosspt.api.execute;

import java.nio.file.Path;
import java.util.List;

/** What an ablation hands its {@link CellExecutor}: the cells still to run, and two ways to run one. */
public interface CellBatch {

    /** The ablation's directory ({@code OUT}); cells live under {@code OUT/cells/<key>/}. */
    Path out();

    /** The ablation's name, for job names. */
    String name();

    /** The cells not yet done, in grid order. */
    List<CellRef> cells();

    /**
     * Runs one cell in this process: claims it, trains (continuing from its last checkpoint when there is one)
     * and marks it done.
     *
     * @return false when another worker holds the cell's claim, so this call did nothing
     */
    boolean runHere(CellRef cell);

    /**
     * The command line that runs one cell in a fresh process (the single-cell entry point,
     * {@code crosspt ablate SPEC --cell KEY}), to be run in {@link #workingDirectory()}.
     */
    List<String> command(CellRef cell);

    /** The directory the cell commands must run in (relative paths in the spec resolve against it). */
    Path workingDirectory();

    /** Whether the cell is done: all its files in place and its done marker written. */
    boolean done(CellRef cell);

    /** Whether the caller waits for the cells ({@code false} with {@code --no-wait}). */
    boolean waitForCells();

    /** Hears how the batch goes. */
    Progress progress();

    /** Progress of a batch, for a progress bar over cells. */
    interface Progress {
        /** A cell started in this process, or was seen starting elsewhere. */
        default void started(CellRef cell) {}

        /** {@code done} of {@code total} cells of the batch are done. */
        default void done(int done, int total) {}
    }
}
