package dev.crosspt.experiment;

import com.google.inject.Module;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.report.ResultRow;
import dev.crosspt.report.ResultsTable;
import dev.crosspt.run.RunReport;
import dev.crosspt.train.MultiTaskTrainer;
import dev.crosspt.train.PluginSource;
import dev.crosspt.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./crosspt ablate}: a spec's grid expanded into cells (the cartesian product, the last grid key varying
 * fastest), each run into {@code OUT/cells/<cell-key>/} unless it already has a {@code results.csv} (so an
 * interrupted ablation resumes; a cell stopped after a checkpoint continues from it), then merged into {@code OUT/results.csv}, {@code results.md}, plots and a
 * paired comparison against the baseline ({@code comparison.md}).
 */
public final class Ablation {

    /** The grid key whose values are seeds (paired on) rather than methods. */
    public static final String SEED = "training.seed";
    /** The grid key whose values are shot counts (compared per value) rather than methods. */
    public static final String SHOTS = "data.shots";

    /**
     * One grid cell.
     *
     * @param key the cell's name and directory, e.g. {@code training.variant=P,training.seed=1}
     * @param assignment dotted setting path to value
     * @param method the label its rows carry: its values other than seed and shots, e.g. {@code variant=SLP}
     * @param dir its run directory
     */
    public record Cell(String key, Map<String, Object> assignment, String method, Path dir) {

        /** Whether the cell finished in an earlier ablation. */
        public boolean done() {
            return Files.isRegularFile(dir.resolve("results.csv"));
        }
    }

    /** Hears about cells as the ablation goes. */
    public interface Listener {
        /** A cell is about to run ({@code skipped} false) or was found finished ({@code skipped} true). */
        default void onCell(Cell cell, int index, int total, boolean skipped) {}

        /** A cell finished. */
        default void onCellDone(Cell cell) {}

        /** The listener of each cell's training. */
        default TrainingListener training(Cell cell) {
            return TrainingListener.none();
        }
    }

    private final ExperimentSpec spec;
    private final Module user;
    private final PluginSource plugins;
    private final List<Cell> cells;

    /**
     * An ablation over the spec's grid.
     *
     * @param user a module overriding every cell's bindings, or null
     * @throws InvalidInputException when the spec has no grid
     */
    public Ablation(ExperimentSpec spec, Module user) {
        if (spec.grid().isEmpty()) {
            throw new InvalidInputException(spec.source() + ": ablate needs a 'grid' (setting path: [values, ...])");
        }
        this.spec = spec;
        this.user = user;
        this.plugins = Experiments.plugins(user);
        this.cells = expand(spec);
    }

    /** The cells, in run order. */
    public List<Cell> cells() {
        return cells;
    }

    /** The ablation's directory. */
    public Path out() {
        return spec.out();
    }

    /** The spec. */
    public ExperimentSpec spec() {
        return spec;
    }

    /**
     * Runs every cell not yet done, in order.
     *
     * @return how many cells ran (the others were skipped)
     */
    public int run(Listener listener) {
        // every cell's spec is validated before the first one trains
        Map<Cell, ExperimentSpec> specs = new LinkedHashMap<>();
        for (Cell cell : cells) {
            specs.put(cell, ExperimentSpecs.cell(spec, cell.assignment(), cell.dir(), plugins));
        }
        int ran = 0;
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            if (cell.done()) {
                listener.onCell(cell, i, cells.size(), true);
                continue;
            }
            listener.onCell(cell, i, cells.size(), false);
            Experiment experiment = Experiments.experiment(Experiments.injector(specs.get(cell), user));
            // a cell interrupted after a checkpoint continues from it rather than from the start
            boolean interrupted = Files.isRegularFile(cell.dir().resolve("run").resolve(MultiTaskTrainer.LAST_CHECKPOINT));
            experiment.run(listener.training(cell), interrupted);
            relabel(cell);
            listener.onCellDone(cell);
            ran++;
        }
        return ran;
    }

    /**
     * Merges the finished cells into the ablation's tables, plots and comparison.
     *
     * @throws InvalidInputException when a cell has not finished
     */
    public ResultsTable report() {
        List<Path> dirs = new ArrayList<>();
        for (Cell cell : cells) {
            if (!cell.done()) {
                throw new InvalidInputException(cell.dir() + ": cell not finished; run ablate again to finish it");
            }
            relabel(cell);
            dirs.add(cell.dir());
        }
        ResultsTable table = new RunReport(dirs).write(spec.out(), "score");
        Comparison comparison = new Comparison(spec, cells);
        comparison.writeMarkdown(spec.out().resolve("comparison.md"));
        comparison.writeSourcesPlot(spec.out().resolve("plots").resolve("score-vs-sources.png"));
        return table;
    }

    /** Gives the cell's rows its method label, so rows of different cells never collide (idempotent). */
    static void relabel(Cell cell) {
        Path csv = cell.dir().resolve("results.csv");
        List<ResultRow> rows = ResultsTable.readCsv(csv).rows();
        if (rows.stream().allMatch(r -> r.method().equals(cell.method()))) {
            return;
        }
        List<ResultRow> relabelled = rows.stream().map(r -> new ResultRow(cell.method(), r.task(), r.shots(),
                r.seed(), r.metric(), r.value())).toList();
        ResultsTable.of(relabelled).writeCsv(csv);
    }

    private static List<Cell> expand(ExperimentSpec spec) {
        List<Map<String, Object>> assignments = new ArrayList<>();
        assignments.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> axis : spec.grid().entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : assignments) {
                for (Object value : axis.getValue()) {
                    Map<String, Object> a = new LinkedHashMap<>(partial);
                    a.put(axis.getKey(), value);
                    next.add(a);
                }
            }
            assignments = next;
        }
        List<Cell> out = new ArrayList<>();
        for (Map<String, Object> a : assignments) {
            out.add(new Cell(key(a), java.util.Collections.unmodifiableMap(a), method(a, spec), spec.out().resolve("cells").resolve(safe(key(a)))));
        }
        return List.copyOf(out);
    }

    static String key(Map<String, Object> assignment) {
        List<String> parts = new ArrayList<>();
        assignment.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }

    /** The cell's values other than seed and shots, by their last path segment; the variant when none. */
    static String method(Map<String, Object> assignment, ExperimentSpec spec) {
        List<String> parts = new ArrayList<>();
        assignment.forEach((k, v) -> {
            if (!k.equals(SEED) && !k.equals(SHOTS)) {
                parts.add(k.substring(k.indexOf('.') + 1) + "=" + v);
            }
        });
        return parts.isEmpty() ? spec.training().variant().label() : String.join(",", parts);
    }

    /** A directory name: letters, digits and {@code . _ - = , +} kept, anything else an underscore. */
    static String safe(String key) {
        String s = key.replaceAll("[^A-Za-z0-9._=,+-]", "_");
        return s.length() > 200 ? s.substring(0, 200) + "-" + Integer.toHexString(key.hashCode()) : s;
    }
}
