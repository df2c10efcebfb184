package dev.crosspt.run;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskData;
import dev.crosspt.data.format.Formatting;
import dev.crosspt.data.format.Verbalizer;
import dev.crosspt.data.glue.DatasetReader;
import dev.crosspt.data.protocol.FewShotProtocol;
import dev.crosspt.data.protocol.SplitFiles;
import dev.crosspt.data.protocol.Splits;
import dev.crosspt.metrics.BenchmarkAverage;
import dev.crosspt.report.Plots;
import dev.crosspt.report.ResultRow;
import dev.crosspt.report.ResultsTable;
import dev.crosspt.report.RouterWeightsFile;
import dev.crosspt.report.RunManifest;
import dev.crosspt.train.MultiTaskTrainer;
import dev.crosspt.train.PluginSource;
import dev.crosspt.train.TrainingListener;
import dev.crosspt.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./crosspt train}: real tasks read from disk, carved by the few-shot protocol (the splits are written
 * beside the run, so they can be inspected and reused), formatted text-to-text, trained together with CrossPT,
 * and scored with each task's metrics.
 */
public final class DatasetRun {

    private final DatasetRunSettings settings;

    /** A run with these settings. */
    public DatasetRun(DatasetRunSettings settings) {
        this.settings = settings;
    }

    /**
     * Reads the tasks, carves and formats them, and writes the splits under {@code out/splits/}.
     *
     * @throws InvalidInputException for unknown task names, bad files or too few examples
     */
    public List<PreparedTask> prepare() {
        Path data = settings.data();
        if (!settings.tasks().isEmpty()) {
            // every name is checked before anything is read or written
            List<String> names = DatasetReader.taskNames(data);
            for (String name : settings.tasks()) {
                if (!names.contains(name)) {
                    throw new InvalidInputException("--tasks: no task '" + name + "' in " + data + "; found " + names);
                }
            }
        }
        List<RawTask> found = readTasks(data, Set.copyOf(settings.tasks()));
        Map<String, RawTask> byName = new LinkedHashMap<>();
        found.forEach(t -> byName.put(t.name(), t));
        List<String> wanted = settings.tasks().isEmpty() ? List.copyOf(byName.keySet()) : settings.tasks();
        FewShotProtocol protocol = FewShotProtocol.builder().setK(settings.shots()).optPerLabel(settings.perLabel())
                .optSeed(settings.dataSeed()).build();
        for (String task : settings.maxNewTokens().keySet()) {
            if (!wanted.contains(task)) {
                throw new InvalidInputException("--max-new-tokens: no task '" + task + "' among " + wanted);
            }
        }
        List<PreparedTask> prepared = new ArrayList<>();
        for (String name : wanted) {
            RawTask raw = byName.get(name);
            Splits splits = protocol.carve(raw);
            SplitFiles.write(settings.out().resolve("splits"), raw.name(), splits);
            Verbalizer verbalizer = settings.labels().equals("synthetic") ? Verbalizer.synthetic(raw) : Verbalizer.natural(raw);
            TaskData formatted = Formatting.toTaskData(raw, splits.train(), splits.dev(), splits.test(), verbalizer,
                    settings.prefix());
            if (settings.generate()) {
                // no candidate labels: the trainer generates, the verbalizer parses
                formatted = new TaskData(formatted.name(), List.of(), formatted.train(), formatted.dev(), formatted.test());
            }
            prepared.add(new PreparedTask(raw, splits, verbalizer, formatted.withDecoding(settings.decoding(name))));
        }
        return prepared;
    }

    /**
     * The tasks under {@code data}: one task when it is a task directory (or a {@code task.json}), else every
     * task directory directly under it.
     */
    public static List<RawTask> readTasks(Path data) {
        return readTasks(data, Set.of());
    }

    /** As {@link #readTasks(Path)}, reading only the tasks named (all when none are). */
    public static List<RawTask> readTasks(Path data, Set<String> only) {
        boolean oneTask = Files.isRegularFile(data) || Files.exists(data.resolve("train.tsv"))
                || Files.exists(data.resolve("train.jsonl")) || Files.exists(data.resolve("task.json"))
                || Files.exists(data.resolve("train-v1.1.json")) || Files.exists(data.resolve("train-v2.0.json"));
        return oneTask ? List.of(DatasetReader.read(data)) : DatasetReader.readAll(data, only);
    }

    /**
     * Trains on the prepared tasks and writes results, plots and the manifest into the run directory.
     *
     * @param resume continue from the run directory's last checkpoint
     */
    public TrainingResult run(BackboneAdapter backbone, List<PreparedTask> tasks, TrainingListener listener,
            boolean resume) {
        return run(backbone, tasks, listener, resume, PluginSource.serviceLoader());
    }

    /**
     * As {@link #run(BackboneAdapter, List, TrainingListener, boolean)}, with the plugins from {@code plugins}
     * (a Guice injector's bindings).
     */
    public TrainingResult run(BackboneAdapter backbone, List<PreparedTask> tasks, TrainingListener listener,
            boolean resume, PluginSource plugins) {
        Map<String, PreparedTask> byName = new LinkedHashMap<>();
        tasks.forEach(t -> byName.put(t.raw().name(), t));
        Path out = settings.out();
        Path runDir = out.resolve("run");
        TrainingResult result;
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks.stream().map(PreparedTask::data).toList(),
                settings.training(), runDir, listener, new DatasetEvaluator(byName), "score", plugins)) {
            result = resume ? trainer.resume() : trainer.train();
        }
        result.write(runDir.resolve("result.json"));
        writeReports(backbone, tasks, result);
        return result;
    }

    /** The GLUE and SuperGLUE averages over the tasks of each that were trained (none when none were). */
    public static List<BenchmarkAverage.Average> benchmarkAverages(Map<String, Double> primaryByTask) {
        List<BenchmarkAverage.Average> out = new ArrayList<>();
        if (primaryByTask.keySet().stream().anyMatch(BenchmarkAverage.GLUE_TASKS::contains)) {
            out.add(BenchmarkAverage.glueAverage(primaryByTask));
        }
        if (primaryByTask.keySet().stream().anyMatch(BenchmarkAverage.SUPERGLUE_TASKS::contains)) {
            out.add(BenchmarkAverage.superglueAverage(primaryByTask));
        }
        return out;
    }

    private void writeReports(BackboneAdapter backbone, List<PreparedTask> tasks, TrainingResult result) {
        Path out = settings.out();
        String method = settings.training().variant().label();
        List<ResultRow> rows = new ArrayList<>();
        for (int t = 0; t < result.tasks().size(); t++) {
            String task = result.tasks().get(t);
            rows.add(new ResultRow(method, task, settings.shots(), settings.training().seed(), "score",
                    result.testScores().get(t)));
            for (Map.Entry<String, Double> metric : result.testMetrics().get(t).entrySet()) {
                rows.add(new ResultRow(method, task, settings.shots(), settings.training().seed(), metric.getKey(),
                        metric.getValue()));
            }
            double dev = result.devScores().get(t);
            if (Double.isFinite(dev)) {
                // the best checkpoint's dev score: what an ablation chooses an arm's tuning values by
                rows.add(new ResultRow(method, task, settings.shots(), settings.training().seed(), "dev_score", dev));
            }
            RunDiagnostics.metrics(result, t).forEach((name, value) -> rows.add(
                    new ResultRow(method, task, settings.shots(), settings.training().seed(), name, value)));
        }
        ResultsTable table = ResultsTable.of(rows);
        table.writeCsv(out.resolve("results.csv"));
        table.writeMarkdown(out.resolve("results.md"), "score");
        Plots.learningCurves(out.resolve("plots").resolve("learning-curves.png"), method + ": dev score during training",
                "mean dev score", Map.of(method, result.devCurve()));
        if (result.routerWeights() != null) {
            RouterWeightsFile.write(out.resolve("router-weights.csv"), result.tasks(), result.candidates(),
                    result.routerWeights());
            Plots.routerHeatmap(out.resolve("plots").resolve("router-weights.png"), method + ": router weights",
                    result.tasks(), result.candidates(), result.routerWeights());
        }
        if (result.routerWeightSpread() != null) {
            // a per-example router: router-weights.csv holds each task's mean over its dev examples, this their spread
            RouterWeightsFile.write(out.resolve("router-weight-spread.csv"), result.tasks(), result.candidates(),
                    result.routerWeightSpread());
        }
        Map<String, Double> primary = new LinkedHashMap<>();
        for (int t = 0; t < result.tasks().size(); t++) {
            primary.put(result.tasks().get(t), result.testScores().get(t));
        }
        Map<String, Object> averages = new LinkedHashMap<>();
        for (BenchmarkAverage.Average average : benchmarkAverages(primary)) {
            averages.put(average.benchmark(), Map.of("value", average.value(), "tasks", average.included(),
                    "missing", average.missing()));
        }
        Map<String, Object> protocol = new LinkedHashMap<>();
        for (PreparedTask task : tasks) {
            protocol.put(task.raw().name(), Map.of("rule", task.splits().ruleDescription(),
                    "train", task.splits().train().size(), "dev", task.splits().dev().size(),
                    "test", task.splits().test().size(), "skipped", task.raw().skipped(),
                    "decoding", task.data().decoding().toString()));
        }
        RunManifest.create()
                .putEnvironment()
                .put("command", "train")
                .put("data", settings.data().toString())
                .put("backbone", backbone.describe())
                .put("shots", settings.shots())
                .put("per_label", settings.perLabel())
                .put("data_seed", settings.dataSeed())
                .put("labels", settings.labels())
                .put("prefix", settings.prefix())
                .put("training", settings.training().describe())
                .put("splits", protocol)
                .put("benchmark_averages", averages)
                .write(out.resolve("manifest.json"));
    }
}
