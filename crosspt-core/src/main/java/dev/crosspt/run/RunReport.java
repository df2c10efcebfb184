package dev.crosspt.run;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.report.Plots;
import dev.crosspt.report.ResultRow;
import dev.crosspt.report.ResultsTable;
import dev.crosspt.report.RouterWeightsFile;
import dev.crosspt.report.Summary;
import dev.crosspt.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./crosspt report}: rebuilds tables and plots from finished runs, one or many (a demo, several
 * {@code train} runs at different shots, ...), without training anything.
 *
 * <p>It reads each run directory's {@code results.csv}, every {@code result.json} below it (learning curves)
 * (learning curves and, from their per-task curves, the router diagnostics over training: effective number of
 * candidates and private weight, one line per method averaged over tasks and runs) and every
 * {@code router-weights.csv} (heatmaps, averaged per method over seeds: the directory that holds the
 * {@code seed-<n>} folders, as a demo lays them out; otherwise the method and shots of the run's own rows, so
 * that {@code train} runs or ablation cells that differ only in seed share one heatmap).
 */
public final class RunReport {

    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

    private final List<Path> runs;
    /** Run directory to the method its rows are shown as; runs not named keep their own. */
    private final Map<Path, String> methods;

    /** A report over these run directories. */
    public RunReport(List<Path> runs) {
        this(runs, Map.of());
    }

    /**
     * A report over these run directories, showing the rows of some under another method name (an ablation arm
     * at its chosen settings, say, without the tuned values in its name).
     *
     * @param methods run directory to the method name its rows get
     */
    public RunReport(List<Path> runs, Map<Path, String> methods) {
        if (runs.isEmpty()) {
            throw new InvalidInputException("report: give at least one run directory");
        }
        this.runs = List.copyOf(runs);
        this.methods = Map.copyOf(methods);
    }

    /**
     * Merges the runs' results into one table.
     *
     * @throws InvalidInputException when a run has no results.csv, or two runs hold the same row
     */
    public ResultsTable table() {
        return merge(rowsByRun());
    }

    private ResultsTable merge(List<List<ResultRow>> rowsByRun) {
        List<ResultRow> rows = new ArrayList<>();
        rowsByRun.forEach(rows::addAll);
        try {
            return ResultsTable.of(rows);
        } catch (IllegalArgumentException e) {
            // the same method, task, shots, seed and metric in two runs: one of them was given twice
            throw new InvalidInputException("report " + runs + ": " + e.getMessage(), e);
        }
    }

    /** Each run's rows, in the order of {@link #runs} (a run given twice is read twice, and caught by merge). */
    private List<List<ResultRow>> rowsByRun() {
        List<List<ResultRow>> out = new ArrayList<>();
        for (Path run : runs) {
            Path csv = run.resolve("results.csv");
            if (!Files.isRegularFile(csv)) {
                throw new InvalidInputException(csv + ": missing; is " + run + " a finished demo or train run?");
            }
            List<ResultRow> rows = ResultsTable.readCsv(csv).rows();
            String method = methods.get(run);
            out.add(method == null ? rows : rows.stream().map(r -> new ResultRow(method, r.task(), r.shots(), r.seed(),
                    r.metric(), r.value())).toList());
        }
        return out;
    }

    /**
     * Writes {@code results.csv}, {@code results.md} (for the metric) and the plots into {@code out}.
     *
     * @param metric the metric to tabulate and plot, e.g. {@code accuracy} or {@code score}
     * @throws InvalidInputException when no run has that metric
     */
    public ResultsTable write(Path out, String metric) {
        List<List<ResultRow>> rowsByRun = rowsByRun();
        ResultsTable table = merge(rowsByRun);
        List<String> metrics = table.rows().stream().map(ResultRow::metric).distinct().toList();
        if (!metrics.contains(metric)) {
            // checked before anything is written, so a typo leaves no partial report behind
            throw new InvalidInputException("--metric: no '" + metric + "' in these runs; there are " + metrics);
        }
        table.writeCsv(out.resolve("results.csv"));
        table.writeMarkdown(out.resolve("results.md"), metric);
        Map<String, List<double[]>> curves = new TreeMap<>();
        // method -> per run, (step, task-mean) of effective candidates and of the private weight
        Map<String, List<List<double[]>>> effective = new TreeMap<>();
        Map<String, List<List<double[]>>> privateWeight = new TreeMap<>();
        Map<String, List<double[][]>> weights = new TreeMap<>();
        Map<String, RouterShape> shapes = new LinkedHashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            Path run = runs.get(r);
            for (Path file : files(run, "result.json")) {
                TrainingResult result = TrainingResult.read(file);
                curves.put(label(run, file), result.devCurve());
                String method = heatmapKey(run, file, rowsByRun.get(r));
                addTaskMean(effective, method, result, 3);
                addTaskMean(privateWeight, method, result, 4);
            }
            for (Path file : files(run, "router-weights.csv")) {
                List<String> tasks = new ArrayList<>();
                List<String> sources = new ArrayList<>();
                double[][] w = RouterWeightsFile.read(file, tasks, sources);
                String key = heatmapKey(run, file, rowsByRun.get(r));
                RouterShape shape = new RouterShape(tasks, sources);
                if (!shapes.computeIfAbsent(key, k -> shape).equals(shape)) {
                    // same method and shots but other tasks or sources: a heatmap of its own, never a mixed mean
                    key = key + ", " + run.toAbsolutePath().normalize().getFileName();
                    if (!shapes.computeIfAbsent(key, k -> shape).equals(shape)) {
                        LOG.warn("{}: tasks {} and sources {} differ from the other router weights of '{}'; left "
                                + "out of the heatmaps", file, tasks, sources, key);
                        continue;
                    }
                }
                weights.computeIfAbsent(key, k -> new ArrayList<>()).add(w);
            }
        }
        curves.values().removeIf(List::isEmpty);
        if (!curves.isEmpty()) {
            Plots.learningCurves(out.resolve("plots").resolve("learning-curves.png"), "Mean dev score during training",
                    "mean dev score", curves);
        }
        if (!effective.isEmpty()) {
            Plots.learningCurves(out.resolve("plots").resolve("diagnostics-effective-candidates.png"),
                    "Effective number of candidates (exp of router entropy)", "mean over tasks and runs",
                    meanCurves(effective));
        }
        if (!privateWeight.isEmpty()) {
            Plots.learningCurves(out.resolve("plots").resolve("diagnostics-private-weight.png"),
                    "Router weight on the private prompt", "mean over tasks and runs", meanCurves(privateWeight));
        }
        weights.forEach((key, list) -> {
            // the numbers behind the picture too, for tables
            double[][] mean = mean(list);
            RouterShape shape = shapes.get(key);
            Path plots = out.resolve("plots");
            RouterWeightsFile.write(plots.resolve("router-" + fileName(key) + ".csv"), shape.tasks(), shape.sources(),
                    mean);
            Plots.routerHeatmap(plots.resolve("router-" + fileName(key) + ".png"), key + ": router weights (mean over "
                    + list.size() + (list.size() == 1 ? " run)" : " runs)"), shape.tasks(), shape.sources(), mean);
        });
        Map<String, List<double[]>> byShots = metricByShots(table, metric);
        if (byShots.values().stream().anyMatch(points -> points.size() > 1)) {
            Plots.metricVsX(out.resolve("plots").resolve(metric + "-vs-shots.png"), metric + " against shots",
                    "shots per task", metric + " (mean over tasks)", byShots);
        }
        return table;
    }

    private record RouterShape(List<String> tasks, List<String> sources) {}

    /**
     * Adds the run's curve of one router diagnostic (column {@code column} of its task curves), averaged over
     * tasks at each evaluation, when it has one: runs without a router (or written before curves were kept, or
     * without a private prompt for the private weight) add nothing.
     */
    private static void addTaskMean(Map<String, List<List<double[]>>> into, String method, TrainingResult result,
            int column) {
        if (result.taskCurves() == null || result.taskCurves().isEmpty()
                || (column == 4 && !result.candidates().contains("private"))) {
            return;
        }
        List<List<double[]>> perTask = new ArrayList<>(result.taskCurves().values());
        int evaluations = perTask.stream().mapToInt(List::size).min().orElse(0);
        List<double[]> mean = new ArrayList<>();
        for (int i = 0; i < evaluations; i++) {
            double sum = 0;
            for (List<double[]> task : perTask) {
                sum += task.get(i)[column];
            }
            double value = sum / perTask.size();
            if (Double.isFinite(value)) {
                mean.add(new double[] {perTask.get(0).get(i)[0], value});
            }
        }
        if (!mean.isEmpty()) {
            into.computeIfAbsent(method, k -> new ArrayList<>()).add(mean);
        }
    }

    /** Per method, the point-by-point mean of its runs' curves (over the evaluations they all have). */
    private static Map<String, List<double[]>> meanCurves(Map<String, List<List<double[]>>> runs) {
        Map<String, List<double[]>> out = new TreeMap<>();
        runs.forEach((method, curves) -> {
            int n = curves.stream().mapToInt(List::size).min().orElse(0);
            List<double[]> mean = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (List<double[]> curve : curves) {
                    sum += curve.get(i)[1];
                }
                mean.add(new double[] {curves.get(0).get(i)[0], sum / curves.size()});
            }
            if (!mean.isEmpty()) {
                out.put(method, mean);
            }
        });
        return out;
    }

    /** Per method, (shots, mean, std) of the task-mean over seeds. */
    private static Map<String, List<double[]>> metricByShots(ResultsTable table, String metric) {
        Map<String, List<double[]>> out = new TreeMap<>();
        for (Summary s : table.summarize()) {
            if (s.isTaskMean() && s.metric().equals(metric)) {
                out.computeIfAbsent(s.method(), m -> new ArrayList<>()).add(new double[] {s.shots(), s.mean(), s.std()});
            }
        }
        out.values().forEach(points -> points.sort((a, b) -> Double.compare(a[0], b[0])));
        return out;
    }

    private static List<Path> files(Path root, String name) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> p.getFileName().toString().equals(name)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
    }

    /** The run's name and the result's folder below it, e.g. {@code demo/SLP/seed-1}. */
    private static String label(Path run, Path file) {
        Path relative = run.relativize(file.getParent());
        String inner = relative.toString().replace("runs/", "").replace("run", "").replaceAll("^/|/$", "");
        String name = run.toAbsolutePath().normalize().getFileName().toString();
        return inner.isEmpty() ? name : name + "/" + inner;
    }

    /**
     * Which heatmap a router-weights file feeds: a method at a shot count, averaged over seeds. The method is the
     * folder holding {@code seed-<n>} folders (a demo's layout), else the one method of the run's rows (train
     * runs, ablation cells), else the run's own name; the shot count is added when the run has only one.
     */
    private static String heatmapKey(Path run, Path file, List<ResultRow> runRows) {
        Path parent = file.getParent();
        List<String> methods = runRows.stream().map(ResultRow::method).distinct().toList();
        List<Integer> shots = runRows.stream().map(ResultRow::shots).distinct().toList();
        String method;
        if (parent.getFileName().toString().startsWith("seed-") && parent.getParent() != null) {
            method = parent.getParent().getFileName().toString();
        } else if (methods.size() == 1) {
            method = methods.get(0);
        } else {
            method = run.toAbsolutePath().normalize().getFileName().toString();
        }
        return shots.size() == 1 ? method + ", " + shots.get(0) + " shots" : method;
    }

    /** A heatmap key as a file name part: {@code SLP, 8 shots} becomes {@code SLP-8-shots}. */
    private static String fileName(String key) {
        return key.replace(", ", "-").replace(' ', '-').replaceAll("[^A-Za-z0-9+_.=-]", "_");
    }

    private static double[][] mean(List<double[][]> matrices) {
        double[][] sum = new double[matrices.get(0).length][matrices.get(0)[0].length];
        for (double[][] m : matrices) {
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[i].length; j++) {
                    sum[i][j] += m[i][j] / matrices.size();
                }
            }
        }
        return sum;
    }
}
