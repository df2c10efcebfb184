package dev.crosspt.api.execute;

import java.nio.file.Path;

/**
 * One cell of an ablation, as an executor sees it.
 *
 * @param key the cell's key, as {@code ablate --cell} takes it
 * @param dir its directory, {@code OUT/cells/<key>/}, where its files and its log ({@value #LOG}) go
 */
public record CellRef(String key, Path dir) {

    /** The name of a cell's log, written by executors that run cells in other processes. */
    public static final String LOG = "cell.log";

    /** The cell's log file. */
    public Path log() {
        return dir.resolve(LOG);
    }
}
