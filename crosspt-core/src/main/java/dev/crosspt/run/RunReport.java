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

/**
 * {@code ./crosspt report}: rebuilds tables and plots from finished runs, one or many (a demo, several
 * {@code train} runs at different shots, ...), without training anything.
 *
 * <p>It reads each run directory's {@code results.csv}, every {@code result.json} below it (learning curves)
 * and every {@code router-weights.csv} (heatmaps, averaged per method: the directory that holds the
 * {@code seed-<n>} folders, or the run's own name).
 */
public final class RunReport {

    private final List<Path> runs;

    /** A report over these run directories. */
    public RunReport(List<Path> runs) {
        if (runs.isEmpty()) {
            throw new InvalidInputException("report: give at least one run directory");
        }
        this.runs = List.copyOf(runs);
    }

    /**
     * Merges the runs' results into one table.
     *
     * @throws InvalidInputException when a run has no results.csv, or two runs hold the same row
     */
    public ResultsTable table() {
        List<ResultRow> rows = new ArrayList<>();
        for (Path run : runs) {
            Path csv = run.resolve("results.csv");
            if (!Files.isRegularFile(csv)) {
                throw new InvalidInputException(csv + ": missing; is " + run + " a finished demo or train run?");
            }
            rows.addAll(ResultsTable.readCsv(csv).rows());
        }
        try {
            return ResultsTable.of(rows);
        } catch (IllegalArgumentException e) {
            // the same method, task, shots, seed and metric in two runs: one of them was given twice
            throw new InvalidInputException("report " + runs + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code results.csv}, {@code results.md} (for the metric) and the plots into {@code out}.
     *
     * @param metric the metric to tabulate and plot, e.g. {@code accuracy} or {@code score}
     * @throws InvalidInputException when no run has that metric
     */
    public ResultsTable write(Path out, String metric) {
        ResultsTable table = table();
        List<String> metrics = table.rows().stream().map(ResultRow::metric).distinct().toList();
        if (!metrics.contains(metric)) {
            // checked before anything is written, so a typo leaves no partial report behind
            throw new InvalidInputException("--metric: no '" + metric + "' in these runs; there are " + metrics);
        }
        table.writeCsv(out.resolve("results.csv"));
        table.writeMarkdown(out.resolve("results.md"), metric);
        Map<String, List<double[]>> curves = new TreeMap<>();
        Map<String, List<double[][]>> weights = new TreeMap<>();
        Map<String, RouterShape> shapes = new LinkedHashMap<>();
        for (Path run : runs) {
            for (Path file : files(run, "result.json")) {
                curves.put(label(run, file), TrainingResult.read(file).devCurve());
            }
            for (Path file : files(run, "router-weights.csv")) {
                List<String> tasks = new ArrayList<>();
                List<String> sources = new ArrayList<>();
                double[][] w = RouterWeightsFile.read(file, tasks, sources);
                String method = method(run, file);
                RouterShape shape = shapes.computeIfAbsent(method, m -> new RouterShape(tasks, sources));
                if (shape.tasks().equals(tasks) && shape.sources().equals(sources)) {
                    weights.computeIfAbsent(method, m -> new ArrayList<>()).add(w);
                }
            }
        }
        curves.values().removeIf(List::isEmpty);
        if (!curves.isEmpty()) {
            Plots.learningCurves(out.resolve("plots").resolve("learning-curves.png"), "Mean dev score during training",
                    "mean dev score", curves);
        }
        weights.forEach((method, list) -> Plots.routerHeatmap(
                out.resolve("plots").resolve("router-" + method.replaceAll("[^A-Za-z0-9+_.-]", "_") + ".png"),
                method + ": router weights (mean over " + list.size() + " runs)", shapes.get(method).tasks(),
                shapes.get(method).sources(), mean(list)));
        Map<String, List<double[]>> byShots = metricByShots(table, metric);
        if (byShots.values().stream().anyMatch(points -> points.size() > 1)) {
            Plots.metricVsX(out.resolve("plots").resolve(metric + "-vs-shots.png"), metric + " against shots",
                    "shots per task", metric + " (mean over tasks)", byShots);
        }
        return table;
    }

    private record RouterShape(List<String> tasks, List<String> sources) {}

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

    /** The folder holding {@code seed-<n>} folders, or the run's own name. */
    private static String method(Path run, Path file) {
        Path parent = file.getParent();
        if (parent.getFileName().toString().startsWith("seed-") && parent.getParent() != null) {
            return parent.getParent().getFileName().toString();
        }
        return run.toAbsolutePath().normalize().getFileName().toString();
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
