package dev.crosspt.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.training.GradientCollector;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.NDScopes;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.compose.PromptComposer;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.schedule.LrSchedule;
import dev.crosspt.api.select.SelectionContext;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.SafetensorsWriter;
import dev.crosspt.data.Example;
import dev.crosspt.data.TaskData;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one training loop every variant and plugin runs in: multi-task batches over a frozen backbone, two
 * parameter groups with their own learning rates (shared fast, private slow), AdamW, global-norm gradient
 * clipping, dev evaluation every N steps with best-checkpoint selection, and a final test evaluation.
 *
 * <p>Everything random derives from the settings' seed, each stream by its purpose ({@link Seeds}): prompt
 * initialisation (private prompts, sources and encoder apart, so that variants with one seed share what they
 * have in common; drawn from tokens other than the tasks' label words and names unless turned off), batch order
 * (the same for every variant), and the engine's generator (dropout, selector noise), which is re-seeded at
 * every step so that a resumed run continues the same sequence. A non-finite loss stops the run with a clear reason and keeps the last good checkpoint.
 */
public final class MultiTaskTrainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MultiTaskTrainer.class);

    /** The checkpoint written at every evaluation. */
    public static final String LAST_CHECKPOINT = "checkpoint-last.safetensors";
    /** The checkpoint of the best dev score. */
    public static final String BEST_CHECKPOINT = "checkpoint-best.safetensors";
    /** Every task's composed prompt at the best checkpoint ({@code task/<name>}, {@code [L', d]}), for export. */
    public static final String COMPOSED_PROMPTS = "composed-prompts.safetensors";
    /** The encoded source prompts at the end of a run, for the initialised variants. */
    public static final String SOURCE_BANK = "source-bank.safetensors";

    private static final int EVAL_BATCH = 32;

    private final BackboneAdapter backbone;
    private final List<TaskData> tasks;
    private final TrainingSettings settings;
    private final Path runDir;
    private final TrainingListener listener;
    private final NDManager parameters;
    private final SourceSelector selector;
    private final PromptComposer composer;
    private final LrSchedule schedule;
    private final Router router;
    private final PromptBank bank;
    private final Map<String, NDArray> sharedGroup = new LinkedHashMap<>();
    private final Map<String, NDArray> privateGroup = new LinkedHashMap<>();
    private final Map<String, NDArray> encoderGroup = new LinkedHashMap<>();
    /** The router's parameters when its settings give them their own rate (otherwise they are shared ones). */
    private final Map<String, NDArray> routerGroup = new LinkedHashMap<>();
    private final AdamW optimizer;
    private final int samplesPerTask;
    private final TaskEvaluator evaluator;
    private final String metricName;
    /** The backbone entries that change results, stored in checkpoints and compared on resume. */
    private final Map<String, String> backboneSettings;

    /**
     * Prepares a run: resolves the plugins, initialises the prompt bank.
     *
     * @param runDir where checkpoints and the source bank go, or null to write nothing
     * @throws InvalidInputException for an unknown plugin, a bad setting or an unusable source bank
     */
    public MultiTaskTrainer(BackboneAdapter backbone, List<TaskData> tasks, TrainingSettings settings, Path runDir,
            TrainingListener listener) {
        this(backbone, tasks, settings, runDir, listener, TaskEvaluator.accuracy(), "accuracy");
    }

    /**
     * Prepares a run that scores tasks with its own evaluator (GLUE metrics, say).
     *
     * @param evaluator scores each task's predictions on dev and test
     * @param metricName what the evaluator's primary score is called in tables
     */
    public MultiTaskTrainer(BackboneAdapter backbone, List<TaskData> tasks, TrainingSettings settings, Path runDir,
            TrainingListener listener, TaskEvaluator evaluator, String metricName) {
        this(backbone, tasks, settings, runDir, listener, evaluator, metricName, PluginSource.serviceLoader());
    }

    /**
     * Prepares a run whose plugins come from {@code plugins} (a Guice injector's bindings, say).
     *
     * @param plugins resolves the settings' selector, composer, schedule and router names
     */
    public MultiTaskTrainer(BackboneAdapter backbone, List<TaskData> tasks, TrainingSettings settings, Path runDir,
            TrainingListener listener, TaskEvaluator evaluator, String metricName, PluginSource plugins) {
        if (!backbone.supportsTraining()) {
            throw new InvalidInputException("backbone " + backbone.describe().get("backbone")
                    + " cannot train (inference only): use the t5 backbone on DJL's PyTorch engine");
        }
        if (tasks.isEmpty()) {
            throw new InvalidInputException("no tasks to train on");
        }
        Set<String> names = new HashSet<>();
        for (TaskData task : tasks) {
            if (!names.add(task.name())) {
                throw new InvalidInputException("task '" + task.name() + "' is given twice: every task needs its own name");
            }
            if (task.dev().isEmpty()) {
                throw new InvalidInputException("task '" + task.name() + "' has no dev examples: best-checkpoint"
                        + " selection needs them");
            }
        }
        this.backbone = backbone;
        this.backboneSettings = TrainingCheckpoint.backboneSettings(backbone);
        this.evaluator = evaluator;
        this.metricName = metricName;
        this.tasks = List.copyOf(tasks);
        this.settings = settings;
        this.runDir = runDir;
        this.listener = listener;
        TrainingPlugins created = TrainingPlugins.create(plugins, settings);
        this.selector = created.selector();
        this.composer = created.composer();
        this.schedule = created.schedule();
        this.router = created.router();
        if (settings.variant().usesRouter() && router.perExample() && !backbone.offers(router.inputFeature())) {
            throw new InvalidInputException("router '" + settings.router() + "': reads each input's "
                    + router.inputFeature().label() + " (setting 'input'), which backbone "
                    + backbone.describe().get("backbone") + " cannot give; use input: embeddings or another backbone");
        }
        if (runDir != null) {
            try {
                Files.createDirectories(runDir);
            } catch (java.io.IOException e) {
                throw new InvalidInputException(runDir + ": cannot create the run directory (" + e.getMessage() + ")", e);
            }
        }
        this.samplesPerTask = (int) Math.round(tasks.stream().mapToInt(t -> t.train().size()).average().orElse(0));
        this.parameters = backbone.newScope();
        try {
            this.bank = createBank();
            selector.initialize(parameters, tasks.size(), bank.candidates());
            sharedGroup.putAll(bank.sharedParameters());
            selector.parameters().forEach((name, array) -> sharedGroup.put("selector." + name, array));
            privateGroup.putAll(bank.privateParameters());
            encoderGroup.putAll(bank.encoderParameters());
            if (router.learningRate().isPresent()) {
                routerGroup.putAll(bank.routerParameters());
            }
        } catch (RuntimeException e) {
            parameters.close();
            throw e;
        }
        this.optimizer = new AdamW(0.9, 0.999, 1e-8, settings.weightDecay());
    }

    private PromptBank createBank() {
        Variant variant = settings.variant();
        int d = backbone.embeddingDim();
        int length = settings.promptLength();
        int sourceCount = variant == Variant.MT_P ? 1 : settings.sources();
        long seed = settings.seed();
        List<String> excluded = excludedWords(settings, tasks);
        float[] sourceInit = null;
        if (variant.initialisesSources()) {
            sourceInit = SourceBank.read(settings.sourceBank(), sourceCount, length, d);
        } else if (variant.usesSources()) {
            sourceInit = tokenEmbeddings(sourceCount * length, Seeds.of(seed, Seeds.SOURCE_PROMPTS), excluded);
        }
        float[] privateInit = variant.usesPrivates()
                ? tokenEmbeddings(tasks.size() * length, Seeds.of(seed, Seeds.PRIVATE_PROMPTS), excluded) : null;
        PromptEncoder encoder = new PromptEncoder(settings.encoder(), parameters, d, settings.encoderHidden(),
                new SplittableRandom(Seeds.of(seed, Seeds.ENCODER)));
        return new PromptBank(variant, tasks.size(), variant.usesSources() ? sourceCount : 0, length, d, sourceInit,
                privateInit, encoder, router, Seeds.of(seed, Seeds.ROUTER), parameters);
    }

    private float[] tokenEmbeddings(int count, long seed, List<String> excluded) {
        try (NDManager scope = backbone.newScope()) {
            return backbone.sampleTokenEmbeddings(scope, count, seed, excluded).toFloatArray();
        } catch (UnsupportedOperationException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    /** The words prompt initialisation leaves out: the tasks' own when asked, and the settings' further words. */
    static List<String> excludedWords(TrainingSettings settings, List<TaskData> tasks) {
        Set<String> words = new java.util.LinkedHashSet<>(settings.initExcludeTaskWords() ? taskWords(tasks) : List.of());
        words.addAll(settings.initExcludeWords());
        return List.copyOf(words);
    }

    /**
     * The words prompt initialisation leaves out: every task's label words and name, whole and split into words
     * ({@code has-software} gives {@code has-software}, {@code has} and {@code software}).
     */
    static List<String> taskWords(List<TaskData> tasks) {
        Set<String> words = new java.util.LinkedHashSet<>();
        for (TaskData task : tasks) {
            List<String> phrases = new ArrayList<>(task.labels());
            phrases.add(task.name());
            for (String phrase : phrases) {
                String trimmed = phrase.trim();
                if (!trimmed.isEmpty()) {
                    words.add(trimmed);
                }
                for (String part : trimmed.split("[^\\p{L}\\p{N}]+")) {
                    if (!part.isEmpty()) {
                        words.add(part);
                    }
                }
            }
        }
        return List.copyOf(words);
    }

    /** Trains from step 0. */
    public TrainingResult train() {
        return run(new RunState());
    }

    /**
     * Continues the run saved in {@code runDir}'s last checkpoint with the same settings and tasks.
     *
     * @throws InvalidInputException when there is no checkpoint, or it was written with other settings, tasks or
     *     backbone settings (kind, shape, weights, token limits; the model's path, the engine and the device may
     *     change)
     */
    public TrainingResult resume() {
        Path file = requireRunDir().resolve(LAST_CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no checkpoint to resume from (was the run started with this directory?)");
        }
        TrainingCheckpoint.Loaded saved = TrainingCheckpoint.read(file);
        String expected = TrainingCheckpoint.settingsJson(settings);
        if (!saved.settingsJson().equals(expected)) {
            throw new InvalidInputException(file + ": written with other settings; resume needs the same ones.\n  saved:   "
                    + saved.settingsJson() + "\n  current: " + expected);
        }
        Set<String> uncompared = new TreeSet<>();
        requireSameBackbone(file, saved, uncompared);
        if (!saved.tasks().equals(taskNames())) {
            throw new InvalidInputException(file + ": written for tasks " + saved.tasks() + ", not " + taskNames());
        }
        Map<String, NDArray> all = allParameters();
        for (Map.Entry<String, NDArray> e : all.entrySet()) {
            float[] values = saved.parameters().get(e.getKey());
            if (values == null) {
                throw new InvalidInputException(file + ": no tensor 'param/" + e.getKey() + "'");
            }
            e.getValue().set(FloatBuffer.wrap(values));
        }
        Map<String, NDArray> state = new LinkedHashMap<>();
        saved.optimizer().forEach((key, values) -> {
            NDArray parameter = all.get(key.substring(2));
            if (parameter == null) {
                throw new InvalidInputException(file + ": optimizer state for unknown parameter '" + key + "'");
            }
            state.put(key, parameters.create(values, parameter.getShape()));
        });
        optimizer.restore(state, saved.adamSteps());
        RunState run = new RunState();
        run.startStep = saved.step();
        run.bestStep = saved.bestStep();
        run.bestScore = saved.bestScore();
        run.lossCurve.addAll(saved.lossCurve());
        run.devCurve.addAll(saved.devCurve());
        saved.taskCurves().forEach((task, points) -> run.taskCurves.put(task, new ArrayList<>(points)));
        Path best = runDir.resolve(BEST_CHECKPOINT);
        if (run.bestStep >= 0) {
            if (!Files.isRegularFile(best)) {
                throw new InvalidInputException(best + ": missing, but " + file + " says the best step was " + run.bestStep);
            }
            TrainingCheckpoint.Loaded bestSaved = TrainingCheckpoint.read(best);
            if (!bestSaved.settingsJson().equals(expected) || bestSaved.step() != run.bestStep) {
                throw new InvalidInputException(best + ": not this run's best checkpoint (other settings, or step "
                        + bestSaved.step() + " where " + file + " says " + run.bestStep + ")");
            }
            // the run ends on the best checkpoint's prompts, so they too must come from the same backbone
            requireSameBackbone(best, bestSaved, uncompared);
            run.bestParameters = bestSaved.parameters();
        }
        if (!uncompared.isEmpty()) {
            LOG.warn("{}: written before checkpoints recorded the backbone's {}, which could not be compared with"
                    + " the current backbone's ({}); resuming anyway", file, String.join(", ", uncompared),
                    String.join(", ", uncompared.stream().map(key -> key + " " + backboneSettings.get(key)).toList()));
        }
        LOG.info("resuming from step {} (best dev {} at step {})", run.startStep, run.bestScore, run.bestStep);
        return run(run);
    }

    /**
     * Refuses a checkpoint written with a backbone that gives other results (other weights, or other token limits
     * that cut the data differently); accepts, with a warning, one written before checkpoints stored their
     * backbone. Only the entries a checkpoint has are compared; the others go into {@code uncompared}.
     */
    private void requireSameBackbone(Path file, TrainingCheckpoint.Loaded saved, Set<String> uncompared) {
        if (saved.backbone() == null) {
            LOG.warn("{}: written before checkpoints recorded their backbone; the backbone could not be compared"
                    + " with the current one {}, resuming anyway", file, backboneSettings);
            return;
        }
        List<String> differences = TrainingCheckpoint.backboneDifferences(saved.backbone(), backboneSettings);
        if (!differences.isEmpty()) {
            throw new InvalidInputException(file + ": written with another backbone; resume needs the same backbone"
                    + " settings (only the model's path, the engine and the device may change).\n  "
                    + String.join("\n  ", differences));
        }
        uncompared.addAll(TrainingCheckpoint.uncomparedBackboneEntries(saved.backbone(), backboneSettings));
    }

    /** Where training stands; restored from a checkpoint on resume. */
    private static final class RunState {
        int startStep;
        int bestStep = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        Map<String, float[]> bestParameters;
        final List<double[]> lossCurve = new ArrayList<>();
        final List<double[]> devCurve = new ArrayList<>();
        /** Task to one point per evaluation: see {@link TrainingResult#taskCurves()}. */
        final Map<String, List<double[]>> taskCurves = new LinkedHashMap<>();
    }

    private TrainingResult run(RunState run) {
        int steps = settings.steps();
        BatchSampler sampler = new BatchSampler(tasks, settings.taskSampling(), settings.samplingTemperature(),
                settings.seed() * 7919 + 1);
        sampler.skip(run.startStep, settings.batchSize());
        listener.onStart(run.startStep, steps);
        if (run.devCurve.isEmpty()) {
            // the untrained prompts are the first checkpoint: a run that fails early still has a good one
            evaluateAndCheckpoint(0, run);
        }
        String stopReason = null;
        // a run resumed from the checkpoint where it was stopped stays stopped
        TrainingResult.Ending ending = run.startStep > 0 ? stopAt(run) : null;
        int end = ending != null ? run.startStep : steps;
        int step = run.startStep;
        for (; step < end; step++) {
            List<BatchSampler.Tagged> batch = sampler.next(settings.batchSize());
            double loss = trainStep(step, batch);
            if (!Double.isFinite(loss)) {
                stopReason = "step " + (step + 1) + ": the training loss is " + loss + "; stopped. "
                        + "The results are those of the best checkpoint before it, " + describeCheckpoint(run)
                        + ". Try lower learning rates or gradient clipping.";
                LOG.error(stopReason);
                ending = TrainingResult.Ending.NON_FINITE_LOSS;
                break;
            }
            run.lossCurve.add(new double[] {step + 1, loss});
            listener.onStep(step, loss);
            if ((step + 1) % settings.evalEvery() == 0 || step + 1 == steps) {
                evaluateAndCheckpoint(step + 1, run);
                ending = step + 1 < steps ? stopAt(run) : null;
                if (ending != null) {
                    LOG.info("step {}: {} stopped training (best dev {} at step {})", step + 1,
                            ending == TrainingResult.Ending.EARLY_STOPPING ? "early stopping" : "the listener",
                            run.bestScore, run.bestStep);
                    step++;
                    break;
                }
            }
        }
        return finish(run, stopReason, step, ending == null ? TrainingResult.Ending.STEPS : ending);
    }

    /**
     * Whether training ends after the evaluation just made: the settings' early stopping first, then the
     * listener's {@link TrainingListener#stopAfter}; null to go on. Both read only the dev curve, so a resumed
     * run stops where an uninterrupted one would.
     */
    private TrainingResult.Ending stopAt(RunState run) {
        List<double[]> curve = List.copyOf(run.devCurve);
        if (settings.earlyStopping() != null && settings.earlyStopping().flat(curve)) {
            return TrainingResult.Ending.EARLY_STOPPING;
        }
        return listener.stopAfter(curve) ? TrainingResult.Ending.LISTENER : null;
    }

    private String describeCheckpoint(RunState run) {
        return (runDir == null ? "kept in memory" : runDir.resolve(BEST_CHECKPOINT).toString())
                + " (step " + run.bestStep + ")";
    }

    /** One optimizer step; returns the loss, or a non-finite value without updating anything. */
    private double trainStep(int step, List<BatchSampler.Tagged> batch) {
        backbone.setRandomSeed(settings.seed() * 1_000_003L + step);
        try (NDManager scope = backbone.newScope()) {
            SelectionContext context = new SelectionContext(scope, true, step, settings.steps(), samplesPerTask,
                    bank.sourceCount());
            double lossValue;
            try (GradientCollector collector = backbone.newGradientCollector()) {
                List<String> inputs = new ArrayList<>(batch.size());
                List<String> targets = new ArrayList<>(batch.size());
                for (BatchSampler.Tagged tagged : batch) {
                    inputs.add(tagged.example().input());
                    targets.add(tagged.example().target());
                }
                NDArray prompts = bank.perExample()
                        ? bank.composeFor(context, selector, composer, features(scope, inputs), taskIds(batch))
                        : promptsFor(bank.compose(context, selector, composer), batch, scope);
                NDArray loss = backbone.loss(scope, inputs, targets, prompts, true);
                NDArray regularizer = selector.regularizer(context);
                NDArray total = regularizer == null ? loss : loss.add(regularizer);
                lossValue = loss.getFloat();
                if (!Double.isFinite(total.getFloat())) {
                    return Double.isFinite(lossValue) ? Double.NaN : lossValue;
                }
                collector.backward(total);
            }
            if (!applyGradients(step, scope)) {
                return Double.NaN;
            }
            return lossValue;
        }
    }

    /** The input features a per-example router reads. */
    private NDArray features(NDManager scope, List<String> inputs) {
        return backbone.inputFeatures(scope, inputs, router.inputFeature());
    }

    private static long[] taskIds(List<BatchSampler.Tagged> batch) {
        long[] taskIds = new long[batch.size()];
        for (int i = 0; i < taskIds.length; i++) {
            taskIds[i] = batch.get(i).task();
        }
        return taskIds;
    }

    /** Gathers each example's task prompt: {@code [T, L', d]} to {@code [B, L', d]}. */
    private static NDArray promptsFor(NDArray composed, List<BatchSampler.Tagged> batch, NDManager scope) {
        long[] taskIds = taskIds(batch);
        Shape shape = composed.getShape();
        NDArray flat = composed.reshape(shape.get(0), shape.get(1) * shape.get(2));
        NDArray ids = scope.create(taskIds, new Shape(taskIds.length));
        NDArray picked = ids.getNDArrayInternal().embedding(ids, flat, SparseFormat.DENSE).singletonOrThrow();
        return picked.reshape(taskIds.length, shape.get(1), shape.get(2));
    }

    /** Clips, updates and zeroes gradients; false (and no update) when a gradient is not finite. */
    private boolean applyGradients(int step, NDManager scope) {
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        try {
            double squared = 0;
            for (Map.Entry<String, NDArray> e : allParameters().entrySet()) {
                NDArray gradient = e.getValue().getGradient();
                gradients.put(e.getKey(), gradient);
                squared += NDScopes.view(gradient, scope).square().sum().getFloat();
            }
            double norm = Math.sqrt(squared);
            if (!Double.isFinite(norm)) {
                return false;
            }
            double scale = settings.clipNorm() > 0 && norm > settings.clipNorm() ? settings.clipNorm() / norm : 1.0;
            double sharedRate = schedule.rate(settings.sharedLearningRate(), step, settings.steps());
            double privateRate = schedule.rate(settings.privateLearningRate(), step, settings.steps());
            double encoderRate = schedule.rate(settings.encoderLearningRate(), step, settings.steps());
            for (Map.Entry<String, NDArray> e : gradients.entrySet()) {
                NDArray gradient = NDScopes.view(e.getValue(), scope);
                if (scale != 1.0) {
                    gradient.muli(scale);
                }
                double rate = privateGroup.containsKey(e.getKey()) ? privateRate
                        : encoderGroup.containsKey(e.getKey()) ? encoderRate
                        : routerGroup.containsKey(e.getKey())
                                ? schedule.rate(router.learningRate().getAsDouble(), step, settings.steps())
                        : sharedRate;
                optimizer.update(e.getKey(), allParameters().get(e.getKey()), gradient, rate, scope);
                // the collector does not zero gradients: clear them for the next step
                gradient.muli(0);
            }
            return true;
        } finally {
            gradients.values().forEach(NDArray::close);
        }
    }

    private Map<String, NDArray> allParameters() {
        Map<String, NDArray> all = new LinkedHashMap<>(sharedGroup);
        all.putAll(privateGroup);
        all.putAll(encoderGroup);
        all.putAll(routerGroup);
        return all;
    }

    private void evaluateAndCheckpoint(int step, RunState run) {
        List<TaskScore> scores = evaluate(Split.DEV, step);
        double mean = scores.stream().mapToDouble(TaskScore::primary).average().orElse(Double.NaN);
        run.devCurve.add(new double[] {step, mean});
        Map<String, Double> perTask = new LinkedHashMap<>();
        for (int t = 0; t < tasks.size(); t++) {
            perTask.put(tasks.get(t).name(), scores.get(t).primary());
        }
        listener.onEvaluation(step, mean, perTask);
        recordDiagnostics(step, perTask, run);
        if (mean > run.bestScore) {
            run.bestScore = mean;
            run.bestStep = step;
            run.bestParameters = snapshot();
            if (runDir != null) {
                TrainingCheckpoint.write(requireRunDir().resolve(BEST_CHECKPOINT), allParameters(), optimizer, step,
                        run.bestStep, run.bestScore, run.lossCurve, run.devCurve, run.taskCurves, settings, taskNames(),
                        backboneSettings);
            }
        }
        if (runDir != null) {
            TrainingCheckpoint.write(requireRunDir().resolve(LAST_CHECKPOINT), allParameters(), optimizer, step,
                    run.bestStep, run.bestScore, run.lossCurve, run.devCurve, run.taskCurves, settings, taskNames(),
                    backboneSettings);
        }
    }

    /**
     * Each task's dev score and router diagnostics at this evaluation, logged and kept for the result's curves
     * (the router's fields NaN for a variant without a router).
     */
    private void recordDiagnostics(int step, Map<String, Double> perTask, RunState run) {
        double[][] weights = bank.usesRouter() ? routerWeights(step).mean() : null;
        boolean hasPrivate = bank.candidateNames().contains("private");
        for (int t = 0; t < tasks.size(); t++) {
            String task = tasks.get(t).name();
            double[] point = {step, perTask.get(task), Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            if (weights != null) {
                RouterDiagnostics d = RouterDiagnostics.of(weights[t], hasPrivate);
                point[2] = d.entropy();
                point[3] = d.effectiveCandidates();
                point[4] = d.privateMass();
                point[5] = d.flat() ? 1 : 0;
                LOG.info("step {} {}: dev {}, router entropy {}, effective candidates {} of {}, private weight {}{}",
                        step, task, String.format(java.util.Locale.ROOT, "%.4f", perTask.get(task)),
                        String.format(java.util.Locale.ROOT, "%.3f", d.entropy()),
                        String.format(java.util.Locale.ROOT, "%.2f", d.effectiveCandidates()), weights[t].length,
                        String.format(java.util.Locale.ROOT, "%.3f", d.privateMass()), d.flat() ? " (FLAT)" : "");
            }
            run.taskCurves.computeIfAbsent(task, k -> new ArrayList<>()).add(point);
        }
    }

    /** Every trainable parameter's current values by name (before training: the initial ones). */
    Map<String, float[]> snapshot() {
        Map<String, float[]> out = new LinkedHashMap<>();
        allParameters().forEach((name, array) -> out.put(name, array.toFloatArray()));
        return out;
    }

    private TrainingResult finish(RunState run, String stopReason, int lastStep, TrainingResult.Ending endedBy) {
        if (run.bestParameters != null) {
            allParameters().forEach((name, array) -> array.set(FloatBuffer.wrap(run.bestParameters.get(name))));
        }
        // the best checkpoint is scored as it was trained: with the selector's temperature at its step
        int scoredStep = Math.max(0, run.bestStep);
        List<TaskScore> dev = evaluate(Split.DEV, scoredStep);
        List<TaskScore> test = evaluate(Split.TEST, scoredStep);
        TaskWeights weights = bank.usesRouter() ? routerWeights(scoredStep) : new TaskWeights(null, null);
        Map<String, Object> summary;
        try (NDManager scope = backbone.newScope()) {
            SelectionContext evaluation = evaluationContext(scope, scoredStep);
            summary = selector.summary(bank.candidateNames());
            if (runDir != null && !bank.perExample()) {
                writeComposedPrompts(runDir.resolve(COMPOSED_PROMPTS), bank.compose(evaluation, selector, composer));
            } else if (runDir != null) {
                LOG.info("no {}: router '{}' composes one prompt per example, not one per task", COMPOSED_PROMPTS,
                        settings.router());
            }
            if (runDir != null && bank.sourceCount() > 0) {
                SourceBank.write(runDir.resolve(SOURCE_BANK), bank.encodedSourceValues(scope), bank.sourceCount(),
                        settings.promptLength(), backbone.embeddingDim(), backbone.describe());
            }
        }
        return new TrainingResult(taskNames(), primaries(test), primaries(dev), metricName,
                test.stream().map(TaskScore::metrics).toList(), run.bestStep, List.copyOf(run.lossCurve),
                List.copyOf(run.devCurve), bank.usesRouter() ? bank.candidateNames() : List.of(), weights.mean(),
                summary, stopReason, copyCurves(run.taskCurves), weights.spread(), lastStep, endedBy);
    }

    /**
     * Each task's router weights at evaluation, {@code [T][K]}; for a per-example router the mean over the task's
     * dev examples, with their standard deviation as the spread (null for a per-task router).
     */
    private record TaskWeights(double[][] mean, double[][] spread) {}

    private TaskWeights routerWeights(int step) {
        if (!bank.perExample()) {
            try (NDManager scope = backbone.newScope()) {
                return new TaskWeights(bank.routerWeights(evaluationContext(scope, step), selector), null);
            }
        }
        int k = bank.candidates();
        double[][] mean = new double[tasks.size()][k];
        double[][] spread = new double[tasks.size()][k];
        for (int t = 0; t < tasks.size(); t++) {
            List<Example> dev = tasks.get(t).dev();
            double[] sum = new double[k];
            double[] squares = new double[k];
            for (int start = 0; start < dev.size(); start += EVAL_BATCH) {
                List<String> inputs = dev.subList(start, Math.min(dev.size(), start + EVAL_BATCH)).stream()
                        .map(Example::input).toList();
                long[] ids = new long[inputs.size()];
                java.util.Arrays.fill(ids, t);
                try (NDManager scope = backbone.newScope()) {
                    for (double[] row : bank.weightsFor(evaluationContext(scope, step), selector,
                            features(scope, inputs), ids)) {
                        for (int c = 0; c < k; c++) {
                            sum[c] += row[c];
                            squares[c] += row[c] * row[c];
                        }
                    }
                }
            }
            for (int c = 0; c < k; c++) {
                mean[t][c] = sum[c] / dev.size();
                spread[t][c] = Math.sqrt(Math.max(0, squares[c] / dev.size() - mean[t][c] * mean[t][c]));
            }
        }
        return new TaskWeights(mean, spread);
    }

    private enum Split { DEV, TEST }

    /** Evaluation of the model trained up to {@code step}: the selector at that step's temperature, no noise. */
    private SelectionContext evaluationContext(NDManager scope, int step) {
        return new SelectionContext(scope, false, step, settings.steps(), samplesPerTask, bank.sourceCount());
    }

    /**
     * Each task's score: rank classification over its labels (generation when it has none), then the evaluator.
     *
     * @param step the step the current parameters were trained to
     */
    private List<TaskScore> evaluate(Split split, int step) {
        List<TaskScore> scores = new ArrayList<>();
        try (NDManager scope = backbone.newScope()) {
            SelectionContext evaluation = evaluationContext(scope, step);
            NDArray composed = bank.perExample() ? null : bank.compose(evaluation, selector, composer);
            for (int t = 0; t < tasks.size(); t++) {
                TaskData task = tasks.get(t);
                List<Example> examples = split == Split.DEV ? task.dev() : task.test();
                NDArray prompt = composed == null ? null : composed.get(t);
                List<String> predictions = new ArrayList<>(examples.size());
                for (int start = 0; start < examples.size(); start += EVAL_BATCH) {
                    List<Example> chunk = examples.subList(start, Math.min(examples.size(), start + EVAL_BATCH));
                    predictions.addAll(composed != null ? predict(scope, task, chunk, prompt)
                            : predictPerExample(scope, evaluation, t, chunk));
                }
                scores.add(examples.isEmpty() ? new TaskScore(Double.NaN, Map.of())
                        : evaluator.evaluate(task, examples, predictions));
            }
        }
        return scores;
    }

    /** Predictions with one prompt per example, composed from the router's weights for each input. */
    private List<String> predictPerExample(NDManager parent, SelectionContext evaluation, int task,
            List<Example> chunk) {
        try (NDManager scope = parent.newSubManager()) {
            List<String> inputs = chunk.stream().map(Example::input).toList();
            long[] ids = new long[chunk.size()];
            java.util.Arrays.fill(ids, task);
            SelectionContext context = new SelectionContext(scope, false, evaluation.step(), evaluation.totalSteps(),
                    evaluation.samplesPerTask(), evaluation.sources());
            NDArray prompts = bank.composeFor(context, selector, composer, features(scope, inputs), ids);
            return predict(scope, tasks.get(task), chunk, prompts);
        }
    }

    private List<String> predict(NDManager parent, TaskData task, List<Example> chunk, NDArray prompt) {
        List<String> inputs = chunk.stream().map(Example::input).toList();
        try (NDManager scope = parent.newSubManager()) {
            if (task.labels().isEmpty()) {
                return backbone.generate(scope, inputs, prompt, task.decoding());
            }
            float[][] scores = backbone.score(scope, inputs, prompt, task.labels());
            List<String> predictions = new ArrayList<>(chunk.size());
            for (float[] row : scores) {
                int best = 0;
                for (int c = 1; c < row.length; c++) {
                    if (row[c] > row[best]) {
                        best = c;
                    }
                }
                predictions.add(task.labels().get(best));
            }
            return predictions;
        }
    }

    private void writeComposedPrompts(Path file, NDArray composed) {
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "crosspt-composed-prompts-1");
        for (int t = 0; t < tasks.size(); t++) {
            NDArray prompt = composed.get(t);
            writer.putFloats("task/" + tasks.get(t).name(), prompt.getShape().getShape(), prompt.toFloatArray(), DType.F32);
        }
        writer.write(file);
    }

    private static Map<String, List<double[]>> copyCurves(Map<String, List<double[]>> curves) {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        curves.forEach((task, points) -> out.put(task, List.copyOf(points)));
        return out;
    }

    private static List<Double> primaries(List<TaskScore> scores) {
        return scores.stream().map(TaskScore::primary).toList();
    }

    private List<String> taskNames() {
        return tasks.stream().map(TaskData::name).toList();
    }

    private Path requireRunDir() {
        if (runDir == null) {
            throw new InvalidInputException("this run has no run directory for checkpoints");
        }
        return runDir;
    }

    @Override
    public void close() {
        parameters.close();
    }
}
