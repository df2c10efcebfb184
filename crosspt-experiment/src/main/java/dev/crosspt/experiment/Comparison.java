package dev.crosspt.experiment;

import dev.crosspt.report.Plots;
import dev.crosspt.report.ResultRow;
import dev.crosspt.report.ResultsTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Each method of an ablation against its baseline: for every shots value, the test {@code score} over
 * (task, seed) pairs matched with the baseline's, its mean, standard deviation and 95% confidence interval, and
 * a paired t-test's two-sided p-value.
 *
 * <p>A method's baseline is the same cell with the baseline's values put in (so {@code variant=SLP,temperature=1}
 * is compared with {@code variant=P,temperature=1}); without a {@code baseline} in the spec, the first value of
 * the first grid key that is neither seed nor shots. With arms, the cells compared are each arm's dev-chosen ones,
 * and the baseline is an arm ({@code baseline: {arm: P}}; the first arm by default) at the same grid point.
 */
final class Comparison {

    static final String METRIC = "score";
    /** The baseline key naming an arm. */
    static final String ARM = "arm";

    private final ExperimentSpec spec;
    private final List<Ablation.Cell> cells;
    private final Map<String, Object> baseline;

    Comparison(ExperimentSpec spec, List<Ablation.Cell> cells) {
        this.spec = spec;
        this.cells = cells;
        this.baseline = baseline(spec);
    }

    /** One line of the comparison. */
    record Line(String method, String baseline, int shots, int n, double mean, double std, double ci95,
            double baselineMean, double difference, double pValue) {}

    List<Line> lines() {
        // (method, baseline method, shots) -> (task|seed -> [value, baseline value])
        Map<List<Object>, Map<String, double[]>> groups = new LinkedHashMap<>();
        Map<String, Ablation.Cell> byIdentity = new LinkedHashMap<>();
        cells.forEach(c -> byIdentity.put(identity(c.arm(), ordered(c.axes())), c));
        for (Ablation.Cell cell : cells) {
            if (isBaseline(cell) || baseline.isEmpty()) {
                continue;
            }
            // the same point of the grid's axes with the baseline's values put in (its arm, at its chosen settings)
            Map<String, Object> reference = new LinkedHashMap<>(cell.axes());
            baseline.forEach((k, v) -> {
                if (!k.equals(ARM)) {
                    reference.put(k, v);
                }
            });
            String arm = baseline.containsKey(ARM) ? String.valueOf(baseline.get(ARM)) : cell.arm();
            Ablation.Cell base = byIdentity.get(identity(arm, ordered(reference)));
            if (base == null) {
                continue;
            }
            Map<String, Double> mine = scores(cell);
            Map<String, Double> theirs = scores(base);
            int shots = shots(cell);
            Map<String, double[]> pairs = groups.computeIfAbsent(List.of(cell.label(), base.label(), shots),
                    k -> new TreeMap<>());
            mine.forEach((taskSeed, value) -> {
                Double other = theirs.get(taskSeed);
                if (other != null) {
                    pairs.put(taskSeed, new double[] {value, other});
                }
            });
        }
        List<Line> out = new ArrayList<>();
        groups.forEach((key, pairs) -> {
            double[] a = pairs.values().stream().mapToDouble(p -> p[0]).toArray();
            double[] b = pairs.values().stream().mapToDouble(p -> p[1]).toArray();
            int n = a.length;
            if (n == 0) {
                return;
            }
            double mean = StatUtils.mean(a);
            double std = n > 1 ? Math.sqrt(StatUtils.variance(a)) : 0;
            double ci = n > 1 ? new TDistribution(n - 1).inverseCumulativeProbability(0.975) * std / Math.sqrt(n)
                    : Double.NaN;
            double diff = mean - StatUtils.mean(b);
            out.add(new Line((String) key.get(0), (String) key.get(1), (Integer) key.get(2), n, mean, std, ci,
                    StatUtils.mean(b), diff, pValue(a, b)));
        });
        return out;
    }

    /** Two-sided paired t-test p-value; 1 when every pair is equal, NaN with fewer than two pairs. */
    static double pValue(double[] a, double[] b) {
        if (a.length < 2) {
            return Double.NaN;
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        if (StatUtils.variance(d) == 0) {
            return StatUtils.mean(d) == 0 ? 1.0 : 0.0;
        }
        return new TTest().pairedTTest(a, b);
    }

    void writeMarkdown(Path file) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(spec.name()).append(": paired comparison against the baseline\n\n");
        if (baseline.isEmpty()) {
            md.append("No baseline: the grid has no setting other than seed and shots.\n");
        } else {
            md.append("Baseline: ").append(Ablation.key(baseline)).append(spec.hasArms()
                    ? ". Every arm at its dev-chosen settings (chosen-settings.md)" : "").append(". Metric: test `").append(METRIC)
                    .append("` (%), paired over (task, seed); mean, std and 95% CI (Student t) of the method's ")
                    .append("scores; p-value of a two-sided paired t-test against the baseline.\n\n");
            md.append("| method | baseline | shots | n | mean | std | 95% CI | baseline mean | difference | p-value |\n");
            md.append("|:--|:--|--:|--:|--:|--:|--:|--:|--:|--:|\n");
            for (Line l : lines()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f | %.1f | %s | %.1f | %+.1f | %s |%n",
                        l.method(), l.baseline(), l.shots(), l.n(), 100 * l.mean(), 100 * l.std(),
                        Double.isNaN(l.ci95()) ? "n/a" : String.format(Locale.ROOT, "± %.1f", 100 * l.ci95()),
                        100 * l.baselineMean(), 100 * l.difference(),
                        Double.isNaN(l.pValue()) ? "n/a (one pair)" : String.format(Locale.ROOT, "%.4g", l.pValue())));
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Score against the number of source prompts, when the grid varies it; nothing otherwise. */
    void writeSourcesPlot(Path png) {
        String sources = "training.sources";
        if (!spec.grid().containsKey(sources) || spec.grid().get(sources).size() < 2) {
            return;
        }
        boolean manyShots = spec.grid().containsKey(Ablation.SHOTS);
        // series -> sources -> task-mean score per seed
        Map<String, Map<Double, List<Double>>> series = new TreeMap<>();
        for (Ablation.Cell cell : cells) {
            Map<String, Object> rest = new LinkedHashMap<>(cell.axes());
            rest.remove(sources);
            String name = (cell.arm() == null ? Ablation.method(rest, spec) : Ablation.armLabel(cell.arm(), Map.of(), rest))
                    + (manyShots ? " k=" + shots(cell) : "");
            double x = Double.parseDouble(String.valueOf(cell.assignment().get(sources)));
            double mean = scores(cell).values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            if (Double.isFinite(mean)) {
                series.computeIfAbsent(name, k -> new TreeMap<>()).computeIfAbsent(x, k -> new ArrayList<>()).add(mean);
            }
        }
        Map<String, List<double[]>> points = new TreeMap<>();
        series.forEach((name, byX) -> byX.forEach((x, values) -> {
            double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
            points.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {x, StatUtils.mean(v),
                    v.length > 1 ? Math.sqrt(StatUtils.variance(v)) : 0});
        }));
        if (!points.isEmpty()) {
            Plots.metricVsX(png, METRIC + " against source prompts", "source prompts M", METRIC + " (mean over tasks)",
                    points);
        }
    }

    private boolean isBaseline(Ablation.Cell cell) {
        return baseline.entrySet().stream().allMatch(e -> String.valueOf(e.getKey().equals(ARM) ? cell.arm()
                : cell.axes().get(e.getKey())).equals(String.valueOf(e.getValue())));
    }

    /** A cell's arm and grid point, without tuned values: unique among the cells compared. */
    private static String identity(String arm, Map<String, Object> axes) {
        return (arm == null ? "" : "arm=" + arm + ";") + Ablation.key(axes);
    }

    /** The assignment in grid order, so its key matches a cell's. */
    private Map<String, Object> ordered(Map<String, Object> assignment) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Object>> axis : spec.grid().entrySet()) {
            Object value = assignment.get(axis.getKey());
            // the grid's own value object, so "1" and 1 name the same cell
            out.put(axis.getKey(), axis.getValue().stream()
                    .filter(v -> String.valueOf(v).equals(String.valueOf(value))).findFirst().orElse(value));
        }
        return out;
    }

    private int shots(Ablation.Cell cell) {
        Object v = cell.assignment().get(Ablation.SHOTS);
        return v == null ? spec.data().shots() : (int) Double.parseDouble(String.valueOf(v));
    }

    /** task|seed -> the cell's test score, from its results.csv. */
    private static Map<String, Double> scores(Ablation.Cell cell) {
        Map<String, Double> out = new TreeMap<>();
        for (ResultRow row : ResultsTable.readCsv(cell.dir().resolve("results.csv")).rows()) {
            if (row.metric().equals(METRIC)) {
                out.put(row.task() + "|" + row.seed(), row.value());
            }
        }
        return out;
    }

    private static Map<String, Object> baseline(ExperimentSpec spec) {
        if (!spec.baseline().isEmpty()) {
            return spec.baseline();
        }
        if (spec.hasArms()) {
            return Map.of(ARM, spec.arms().get(0).label());
        }
        for (Map.Entry<String, List<Object>> axis : spec.grid().entrySet()) {
            if (!axis.getKey().equals(Ablation.SEED) && !axis.getKey().equals(Ablation.SHOTS)) {
                return Map.of(axis.getKey(), axis.getValue().get(0));
            }
        }
        return Map.of();
    }
}
