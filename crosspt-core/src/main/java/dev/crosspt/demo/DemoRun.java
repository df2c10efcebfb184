package dev.crosspt.demo;

import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.data.FewShot;
import dev.crosspt.data.TaskData;
import dev.crosspt.report.Plots;
import dev.crosspt.report.ResultRow;
import dev.crosspt.report.ResultsTable;
import dev.crosspt.report.RouterWeightsFile;
import dev.crosspt.report.RunManifest;
import dev.crosspt.train.MultiTaskTrainer;
import dev.crosspt.train.PromptEncoderKind;
import dev.crosspt.train.TrainingListener;
import dev.crosspt.train.TrainingResult;
import dev.crosspt.train.TrainingSettings;
import dev.crosspt.train.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded demo: P, SL, SLP and SLP with learned source pruning on a synthetic suite (clusters, or the
 * disjoint negative control), few-shot, over several seeds, each run trained until its dev curve is flat, with a
 * results table, a manifest, router weights, checkpoints and plots in one run directory.
 */
public final class DemoRun {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);

    /** The finished run's record in each run directory; a resumed demo skips runs that have one. */
    public static final String RESULT = "result.json";

    /**
     * Training and dev/test sizes of the synthetic suite per task. Dev is small because it is scored at every
     * evaluation; exported, dev and test make a validation split of 200 that the few-shot protocol halves.
     */
    static final int POOL = 256;
    static final int DEV = 50;
    static final int TEST = 150;

    private final BackboneAdapter backbone;
    private final DemoSettings settings;

    /** A demo over a loaded backbone (the demo model). */
    public DemoRun(BackboneAdapter backbone, DemoSettings settings) {
        this.backbone = backbone;
        this.settings = settings;
    }

    /**
     * The methods compared, all sharing the same base settings, each at the rate the demo study chose on dev for
     * 8 shots at relatedness 1 ({@code presets/demo/clusters-study.yaml}, runs trained until their dev curves
     * flatten; README): 0.3 for P's private prompt and for the shared prompts of SL, SLP and SLP+pruning, whose
     * private prompts train at 0.1. The router's temperature is the paper's {@code tau0 / M}.
     */
    public List<DemoMethod> methods() {
        Map<String, Object> temperature = Map.of("temperature", 1, "per-source", true);
        TrainingSettings base = TrainingSettings.builder()
                .steps(settings.steps())
                .evalEvery(settings.evalEvery())
                .earlyStopping(settings.stopping())
                .batchSize(8)
                .promptLength(10)
                .sources(3)
                .encoder(PromptEncoderKind.LINEAR)
                .sharedLearningRate(0.3)
                .privateLearningRate(0.1)
                .selector("softmax", temperature)
                .schedule("linear-warmup", Map.of())
                // the tasks' own words stay out of prompt initialisation anyway; these are the instruction words
                // the demo model learnt its rules from, which would hand a prompt its rule at step 0
                .initExcludeWords(DemoVocabulary.initExcluded())
                .build();
        return List.of(
                new DemoMethod("P", base.toBuilder().variant(Variant.P).privateLearningRate(0.3).build()),
                new DemoMethod("SL", base.withVariant(Variant.SL)),
                new DemoMethod("SLP", base.withVariant(Variant.SLP)),
                new DemoMethod("SLP+pruning", base.toBuilder().variant(Variant.SLP)
                        .selector("learned-pruning", temperature).build()));
    }

    /**
     * Runs every method for every seed.
     *
     * @param listenerFor a listener for each run, given its method name and seed (progress bars)
     * @param resume when true, runs with a {@value #RESULT} are read back rather than trained again, and runs
     *     interrupted after a checkpoint continue from it
     * @return the results table
     */
    public ResultsTable run(BiFunction<String, Long, TrainingListener> listenerFor, boolean resume) {
        Path out = settings.out();
        List<TaskData> suite = settings.suite().generate(settings.relatedness(), POOL, DEV, TEST, settings.dataSeed());
        List<String> taskNames = suite.stream().map(TaskData::name).toList();
        List<ResultRow> rows = new ArrayList<>();
        Map<String, List<double[]>> devCurves = new LinkedHashMap<>();
        Map<String, Object> methodSettings = new LinkedHashMap<>();
        Map<String, Object> stoppedAt = new LinkedHashMap<>();
        for (DemoMethod method : methods()) {
            methodSettings.put(method.name(), method.settings().describe());
            List<List<double[]>> curves = new ArrayList<>();
            double[][] weightSum = null;
            List<String> candidates = List.of();
            for (long seed : settings.seeds()) {
                List<TaskData> tasks = suite.stream().map(t -> FewShot.sample(t, settings.shots(), seed)).toList();
                Path runDir = out.resolve("runs").resolve(method.name()).resolve("seed-" + seed);
                TrainingResult result = trainOrResume(method, seed, tasks, runDir, listenerFor, resume);
                if (result.stoppedEarly()) {
                    LOG.warn("{} seed {}: {}", method.name(), seed, result.stopReason());
                }
                for (int t = 0; t < tasks.size(); t++) {
                    rows.add(new ResultRow(method.name(), result.tasks().get(t), settings.shots(), seed,
                            result.metric(), result.testScores().get(t)));
                }
                curves.add(result.devCurve());
                stoppedAt.put(method.name() + "/seed-" + seed, lastStep(result));
                if (result.routerWeights() != null) {
                    RouterWeightsFile.write(runDir.resolve("router-weights.csv"), result.tasks(), result.candidates(),
                            result.routerWeights());
                    weightSum = add(weightSum, result.routerWeights());
                    candidates = result.candidates();
                }
                if (!result.selectorSummary().isEmpty()) {
                    LOG.info("{} seed {}: selector reports {}", method.name(), seed, result.selectorSummary());
                }
            }
            devCurves.put(method.name(), meanCurve(curves));
            if (weightSum != null) {
                scale(weightSum, 1.0 / settings.seeds().size());
                Plots.routerHeatmap(out.resolve("plots").resolve("router-" + method.name() + ".png"),
                        method.name() + ": router weights (mean over " + settings.seeds().size() + " seeds)",
                        taskNames, candidates, weightSum);
            }
        }
        ResultsTable table = ResultsTable.of(rows);
        table.writeCsv(out.resolve("results.csv"));
        table.writeMarkdown(out.resolve("results.md"), "accuracy");
        Plots.learningCurves(out.resolve("plots").resolve("learning-curves.png"),
                "Dev accuracy during training (mean over tasks and seeds)", "dev accuracy", devCurves);
        RunManifest.create()
                .putEnvironment()
                .put("command", "demo")
                .put("backbone", backbone.describe())
                .put("shots", settings.shots())
                .put("seeds", settings.seeds())
                .put("data_seed", settings.dataSeed())
                .put("suite", settings.suite().label())
                .put("relatedness", settings.suite() == DemoSuite.CLUSTERS ? settings.relatedness() : null)
                .put("tasks", taskNames)
                .put("max_steps", settings.steps())
                .put("early_stopping", earlyStopping())
                .put("stopped_at_step", stoppedAt)
                .put("methods", methodSettings)
                .write(out.resolve("manifest.json"));
        return table;
    }

    private TrainingResult trainOrResume(DemoMethod method, long seed, List<TaskData> tasks, Path runDir,
            BiFunction<String, Long, TrainingListener> listenerFor, boolean resume) {
        Path record = runDir.resolve(RESULT);
        if (resume && Files.isRegularFile(record)) {
            LOG.info("{} seed {}: finished earlier, reading {}", method.name(), seed, record);
            listenerFor.apply(method.name(), seed).onStart(method.settings().steps(), method.settings().steps());
            return TrainingResult.read(record);
        }
        TrainingResult result;
        TrainingListener listener = listenerFor.apply(method.name(), seed);
        try (MultiTaskTrainer trainer = new MultiTaskTrainer(backbone, tasks, method.settings().withSeed(seed), runDir,
                listener)) {
            boolean interrupted = Files.isRegularFile(runDir.resolve(MultiTaskTrainer.LAST_CHECKPOINT));
            result = resume && interrupted ? trainer.resume() : trainer.train();
        }
        result.write(record);
        return result;
    }

    /** The early-stopping rule for the manifest, in a fixed key order. */
    private Map<String, Object> earlyStopping() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("min_steps", settings.stopping().minSteps());
        rule.put("patience_evaluations", settings.stopping().patience());
        rule.put("min_delta", settings.stopping().minDelta());
        rule.put("smoothing_evaluations", settings.stopping().smoothing());
        rule.put("eval_every", settings.evalEvery());
        return rule;
    }

    private static int lastStep(TrainingResult result) {
        if (result.endedBy() != null) {
            return result.lastStep();
        }
        // a result written before it kept the step it ended at: its last evaluation
        List<double[]> curve = result.devCurve();
        return curve.isEmpty() ? 0 : (int) curve.get(curve.size() - 1)[0];
    }

    /**
     * Dev curves averaged point by point; runs that stopped early hold their last score, so the mean curve runs
     * to the longest run's end.
     */
    private static List<double[]> meanCurve(List<List<double[]>> curves) {
        List<double[]> mean = new ArrayList<>();
        List<double[]> longest = curves.stream().max(java.util.Comparator.comparingInt(List::size)).orElse(List.of());
        for (int i = 0; i < longest.size(); i++) {
            double sum = 0;
            for (List<double[]> curve : curves) {
                sum += curve.get(Math.min(i, curve.size() - 1))[1];
            }
            mean.add(new double[] {longest.get(i)[0], sum / curves.size()});
        }
        return mean;
    }

    private static double[][] add(double[][] sum, double[][] weights) {
        if (sum == null) {
            sum = new double[weights.length][weights[0].length];
        }
        for (int i = 0; i < weights.length; i++) {
            for (int j = 0; j < weights[i].length; j++) {
                sum[i][j] += weights[i][j];
            }
        }
        return sum;
    }

    private static void scale(double[][] matrix, double factor) {
        for (double[] row : matrix) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
    }
}
