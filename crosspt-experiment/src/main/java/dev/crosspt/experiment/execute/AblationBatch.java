package dev.crosspt.experiment.execute;

import dev.crosspt.api.execute.CellBatch;
import dev.crosspt.api.execute.CellRef;
import dev.crosspt.experiment.Ablation;
import dev.crosspt.train.TrainingListener;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An ablation's unfinished cells as a {@link CellBatch}. */
public final class AblationBatch implements CellBatch {

    private final Ablation ablation;
    private final Map<String, Ablation.Cell> cells = new LinkedHashMap<>();
    private final Function<String, List<String>> command;
    private final Path workingDirectory;
    private final boolean waitForCells;
    private final Progress progress;

    /**
     * The batch of an ablation's cells that are not done yet.
     *
     * @param command the single-cell command line for a cell key
     * @param workingDirectory where cell commands run
     * @param waitForCells false for {@code --no-wait}
     */
    public AblationBatch(Ablation ablation, Function<String, List<String>> command, Path workingDirectory,
            boolean waitForCells, Progress progress) {
        this.ablation = ablation;
        for (Ablation.Cell cell : ablation.cells()) {
            if (!cell.done()) {
                cells.put(cell.key(), cell);
            }
        }
        this.command = command;
        this.workingDirectory = workingDirectory;
        this.waitForCells = waitForCells;
        this.progress = progress;
    }

    @Override
    public Path out() {
        return ablation.out();
    }

    @Override
    public String name() {
        return ablation.spec().name();
    }

    @Override
    public List<CellRef> cells() {
        return cells.values().stream().map(c -> new CellRef(c.key(), c.dir())).toList();
    }

    @Override
    public boolean runHere(CellRef cell) {
        return ablation.runCell(cells.get(cell.key()), TrainingListener.none());
    }

    @Override
    public List<String> command(CellRef cell) {
        return command.apply(cell.key());
    }

    @Override
    public Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public boolean done(CellRef cell) {
        return cells.get(cell.key()).done();
    }

    @Override
    public boolean waitForCells() {
        return waitForCells;
    }

    @Override
    public Progress progress() {
        return progress;
    }
}
