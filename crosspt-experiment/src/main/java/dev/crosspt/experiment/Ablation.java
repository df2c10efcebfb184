package dev.crosspt.experiment;

import com.google.gson.JsonObject;
import com.google.inject.Module;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.Plugins;
import dev.crosspt.report.AtomicFiles;
import dev.crosspt.report.ResultRow;
import dev.crosspt.report.ResultsTable;
import dev.crosspt.run.RunReport;
import dev.crosspt.train.MultiTaskTrainer;
import dev.crosspt.train.PluginSource;
import dev.crosspt.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./crosspt ablate}: a spec's grid expanded into cells (the cartesian product, the last grid key varying
 * fastest), each run into {@code OUT/cells/<cell-key>/} unless it is already done (so an interrupted ablation
 * resumes; a cell stopped after a checkpoint continues from it), here or in another process as a
 * {@link dev.crosspt.api.execute.CellExecutor} decides ({@link #runCell} either way), then merged into {@code OUT/results.csv},
 * {@code results.md}, plots and a paired comparison against the baseline ({@code comparison.md}).
 *
 * <p>A cell is trained under its {@link CellClaim}, so two workers (processes, Slurm tasks, hosts sharing the
 * directory) never train the same cell, and counts as done only once its marker ({@value Cell#DONE_MARKER}) is
 * written, atomically and after every other file: a worker killed mid-write leaves nothing that counts.
 *
 * <p>A grid with arms ({@code grid.arms}) runs every arm's tuning combinations; the tables, plots and comparison
 * then show each arm at the combination with the best mean dev score ({@link Tuning}), and
 * {@code chosen-settings.md} / {@code .csv} say which was chosen; {@code results.csv} keeps every cell.
 */
public final class Ablation {

    private static final Logger LOG = LoggerFactory.getLogger(Ablation.class);

    /** The grid key whose values are seeds (paired on) rather than methods. */
    public static final String SEED = "training.seed";
    /** The grid key whose values are shot counts (compared per value) rather than methods. */
    public static final String SHOTS = "data.shots";
    /** The copy of the spec that {@code ablate} keeps in the ablation's directory, for {@link #reopen}. */
    public static final String SPEC_COPY = "ablation.yaml";

    /** The metric of the best checkpoint's dev score each cell writes per task; arms' tuning values are chosen by it. */
    public static final String DEV_METRIC = "dev_score";

    /**
     * One grid cell.
     *
     * @param key the cell's name and directory, e.g. {@code training.variant=P,training.seed=1} or
     *     {@code arm=SLP,training.shared_lr=0.3,training.seed=1}
     * @param assignment dotted setting path to value: every setting the cell sets (an arm's included)
     * @param method the label its rows carry: its values other than seed and shots, e.g. {@code variant=SLP}, or
     *     the arm's label with its tuned values, e.g. {@code arm=SLP,shared_lr=0.3}
     * @param label the method without tuned values, e.g. {@code arm=SLP}: what reports of chosen cells show
     * @param dir its run directory
     * @param arm the arm's label, or null in a grid without arms
     * @param tuned the arm's tuning values this cell runs with (empty without tuning)
     * @param axes the values of the grid's ordinary axes (all of {@code assignment} in a grid without arms)
     */
    public record Cell(String key, Map<String, Object> assignment, String method, String label, Path dir, String arm,
            Map<String, Object> tuned, Map<String, Object> axes) {

        /** Written last when a cell finishes: only a cell with this file is done. */
        public static final String DONE_MARKER = "cell-done.json";

        /** Whether the cell finished, here or in an earlier ablation. */
        public boolean done() {
            return Files.isRegularFile(dir.resolve(DONE_MARKER));
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
        if (spec.grid().isEmpty() && !spec.hasArms()) {
            throw new InvalidInputException(spec.source() + ": ablate needs a 'grid' (setting path: [values, ...])");
        }
        this.spec = spec;
        this.user = user;
        this.plugins = Experiments.plugins(user);
        this.cells = expand(spec);
    }

    /**
     * The ablation whose directory this is, from the spec copy {@code ablate} left there ({@value #SPEC_COPY}),
     * writing into {@code dir} wherever the spec's {@code out} pointed.
     *
     * @throws InvalidInputException when the directory has no spec copy
     */
    public static Ablation reopen(Path dir) {
        Path copy = dir.resolve(SPEC_COPY);
        if (!Files.isRegularFile(copy)) {
            throw new InvalidInputException(dir + ": not an ablation directory (no " + SPEC_COPY + ")");
        }
        Map<String, Object> tree = new LinkedHashMap<>(ExperimentSpecs.load(copy).raw());
        tree.put("out", dir.toString());
        return new Ablation(ExperimentSpecs.fromTree(tree, copy.toString()), null);
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

    /** Checks every cell's spec, so a bad grid value fails before the first cell trains. */
    public void validateCells() {
        for (Cell cell : cells) {
            ExperimentSpecs.cell(spec, cell.assignment(), cell.dir(), plugins);
        }
    }

    /**
     * Runs one cell in this process under its claim, continuing from its last checkpoint when it has one, and
     * marks it done. A cell already done is left as it is.
     *
     * @return false when another worker holds the cell's claim, so nothing ran here
     */
    public boolean runCell(Cell cell, TrainingListener listener) {
        ExperimentSpec cellSpec = ExperimentSpecs.cell(spec, cell.assignment(), cell.dir(), plugins);
        Optional<CellClaim> claim = CellClaim.tryClaim(cell.dir());
        if (claim.isEmpty()) {
            LOG.info("cell {} is held by {}; leaving it to that worker", cell.key(),
                    CellClaim.holder(cell.dir()).orElse("another worker"));
            return false;
        }
        try (CellClaim held = claim.get()) {
            if (cell.done()) {
                return true; // finished by another worker between our check and our claim
            }
            Experiment experiment = Experiments.experiment(Experiments.injector(cellSpec, user));
            // a cell interrupted after a checkpoint continues from it rather than from the start
            boolean interrupted = Files.isRegularFile(cell.dir().resolve("run").resolve(MultiTaskTrainer.LAST_CHECKPOINT));
            experiment.run(listener, interrupted);
            relabel(cell);
            JsonObject marker = new JsonObject();
            marker.addProperty("cell", cell.key());
            marker.addProperty("worker", CellClaim.worker());
            AtomicFiles.writeString(cell.dir().resolve(Cell.DONE_MARKER), marker + "\n");
            return true;
        }
    }

    /**
     * The cell with this key.
     *
     * @throws InvalidInputException naming the closest key when there is none
     */
    public Cell cell(String key) {
        for (Cell cell : cells) {
            if (cell.key().equals(key)) {
                return cell;
            }
        }
        List<String> keys = cells.stream().map(Cell::key).toList();
        throw new InvalidInputException(spec.source() + ": no cell '" + key + "'; did you mean '"
                + Plugins.closest(key, keys) + "'? (--list-cells prints them all)");
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
        List<Cell> reported = cells;
        ResultsTable table;
        if (spec.hasArms()) {
            // tables, plots and the comparison show each arm at its dev-chosen settings; results.csv keeps every cell
            Tuning tuning = new Tuning(cells);
            reported = tuning.chosenCells();
            Map<Path, String> labels = new LinkedHashMap<>();
            reported.forEach(cell -> labels.put(cell.dir(), cell.label()));
            table = new RunReport(reported.stream().map(Cell::dir).toList(), labels).write(spec.out(), "score");
            new RunReport(dirs).table().writeCsv(spec.out().resolve("results.csv"));
            tuning.write(spec.out().resolve("chosen-settings.md"), spec.out().resolve("chosen-settings.csv"));
        } else {
            table = new RunReport(dirs).write(spec.out(), "score");
        }
        Comparison comparison = new Comparison(spec, reported);
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

    /**
     * The cells: without arms, the cartesian product of the grid; with arms, every arm's every tuning combination
     * (arms outermost, in file order) crossed with the product of the grid's other axes.
     */
    private static List<Cell> expand(ExperimentSpec spec) {
        List<Map<String, Object>> points = product(spec);
        List<Cell> out = new ArrayList<>();
        if (!spec.hasArms()) {
            for (Map<String, Object> a : points) {
                String method = method(a, spec);
                out.add(new Cell(key(a), a, method, method, spec.out().resolve("cells").resolve(safe(key(a))), null,
                        Map.of(), a));
            }
            return List.copyOf(out);
        }
        for (Arm arm : spec.arms()) {
            for (Map<String, Object> tuned : arm.combinations()) {
                for (Map<String, Object> point : points) {
                    Map<String, Object> assignment = new LinkedHashMap<>(arm.fixed());
                    assignment.putAll(tuned);
                    assignment.putAll(point);
                    Map<String, Object> named = new LinkedHashMap<>();
                    named.put("arm", arm.label());
                    named.putAll(tuned);
                    named.putAll(point);
                    String key = key(named);
                    String label = armLabel(arm.label(), Map.of(), point);
                    out.add(new Cell(key, Collections.unmodifiableMap(assignment), armLabel(arm.label(), tuned, point),
                            label, spec.out().resolve("cells").resolve(safe(key)), arm.label(), tuned,
                            Collections.unmodifiableMap(point)));
                }
            }
        }
        return List.copyOf(out);
    }

    /** {@code arm=LABEL}, then the tuned values and the point's values other than seed and shots, by short name. */
    static String armLabel(String arm, Map<String, Object> tuned, Map<String, Object> point) {
        List<String> parts = new ArrayList<>();
        parts.add("arm=" + arm);
        tuned.forEach((k, v) -> parts.add(k.substring(k.indexOf('.') + 1) + "=" + v));
        point.forEach((k, v) -> {
            if (!k.equals(SEED) && !k.equals(SHOTS)) {
                parts.add(k.substring(k.indexOf('.') + 1) + "=" + v);
            }
        });
        return String.join(",", parts);
    }

    /** The cartesian product of the grid's axes (the last varying fastest); one empty point for none. */
    private static List<Map<String, Object>> product(ExperimentSpec spec) {
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
        return assignments.stream().map(Collections::unmodifiableMap).toList();
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
