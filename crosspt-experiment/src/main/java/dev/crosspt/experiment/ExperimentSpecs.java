package dev.crosspt.experiment;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.BackboneAdapterProvider;
import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.api.backbone.Decoding;
import dev.crosspt.api.compose.PromptComposerProvider;
import dev.crosspt.api.execute.CellExecutorProvider;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.plugin.Plugins;
import dev.crosspt.api.route.RouterProvider;
import dev.crosspt.api.schedule.LrScheduleProvider;
import dev.crosspt.api.select.SourceSelectorProvider;
import dev.crosspt.checkpoint.HfCache;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.data.TaskData;
import dev.crosspt.data.glue.DatasetReader;
import dev.crosspt.train.EarlyStopping;
import dev.crosspt.train.PluginSource;
import dev.crosspt.train.PromptEncoderKind;
import dev.crosspt.train.TaskSampling;
import dev.crosspt.train.TrainingSettings;
import dev.crosspt.train.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads experiment specs from YAML and validates them into {@link ExperimentSpec}s. Every problem is collected
 * with its path in the file ({@code training.steps}, {@code grid.training.varient}) and all are reported together
 * in one {@link InvalidInputException}, one problem after another joined by "; ". Defaults are
 * {@code ./crosspt train}'s.
 */
public final class ExperimentSpecs {

    static final Set<String> TOP = Set.of("name", "out", "backbone", "data", "training", "selector", "composer",
            "schedule", "router", "grid", "baseline", "executor");
    static final Set<String> BACKBONE = Set.of("plugin", "model", "max_input_tokens", "max_target_tokens", "device",
            "threads");
    static final Set<String> DATA = Set.of("dir", "tasks", "shots", "per_label", "seed", "labels", "prefix",
            "generate", "num_beams", "length_penalty", "early_stopping", "max_new_tokens");
    static final Set<String> TRAINING = Set.of("variant", "sources", "prompt_length", "encoder", "encoder_hidden",
            "steps", "eval_every", "batch_size", "shared_lr", "private_lr", "encoder_lr", "weight_decay", "clip_norm",
            "task_sampling", "sampling_temperature", "seed", "source_bank", "init_exclude_task_words",
            "init_exclude_words", "early_stopping");
    static final Set<String> EARLY_STOPPING = Set.of("min_steps", "patience", "smoothing", "min_delta");
    /** Sections whose every key but {@code name} is a plugin setting. */
    static final List<String> PLUGIN_SECTIONS = List.of("selector", "composer", "schedule", "router");

    private ExperimentSpecs() {}

    /**
     * Reads and validates a spec file.
     *
     * @throws InvalidInputException naming the file and listing every problem
     */
    public static ExperimentSpec load(Path file) {
        return load(file, PluginSource.serviceLoader());
    }

    /**
     * Reads and validates a spec file whose plugin names are looked up in {@code plugins} (say,
     * {@link Experiments#plugins} for a user's module).
     *
     * @throws InvalidInputException naming the file and listing every problem
     */
    public static ExperimentSpec load(Path file, PluginSource plugins) {
        return load(file, plugins, false);
    }

    /**
     * As {@link #load(Path, PluginSource)}; with {@code checkInputs}, also what the spec points to, reported
     * with every other problem: {@code data.dir} exists and holds the tasks {@code data.tasks} names (with the
     * closest name for a misspelt one), and {@code backbone.model} is a T5 whose config.json can be read. For
     * commands about to run the spec; a spec file on its own may name data that is not there yet.
     *
     * @throws InvalidInputException naming the file and listing every problem
     */
    public static ExperimentSpec load(Path file, PluginSource plugins, boolean checkInputs) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read experiment spec " + file, e);
        }
        return fromText(text, file.toString(), plugins, checkInputs);
    }

    /**
     * Parses and validates spec text.
     *
     * @param source the file name (or a label) that messages start with
     */
    public static ExperimentSpec parse(String yaml, String source) {
        return parse(yaml, source, PluginSource.serviceLoader());
    }

    /** As {@link #parse(String, String)}, with plugin names looked up in {@code plugins}. */
    public static ExperimentSpec parse(String yaml, String source, PluginSource plugins) {
        return fromText(yaml, source, plugins, false);
    }

    private static ExperimentSpec fromText(String yaml, String source, PluginSource plugins, boolean checkInputs) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new InvalidInputException(source + ": not valid YAML: " + SpecErrors.oneLine(e.getMessage()), e);
        }
        if (!(doc instanceof Map)) {
            throw new InvalidInputException(source + ": expected a mapping with at least 'name', 'backbone' and "
                    + "'data', got " + (doc == null ? "an empty file" : SpecErrors.describe(doc)));
        }
        return fromTree(copy(doc), source, plugins, checkInputs);
    }

    /** Validates an already parsed tree (string keys, YAML scalars, lists and maps). */
    public static ExperimentSpec fromTree(Map<String, Object> tree, String source) {
        return fromTree(tree, source, PluginSource.serviceLoader());
    }

    /** As {@link #fromTree(Map, String)}, with plugin names looked up in {@code plugins}. */
    public static ExperimentSpec fromTree(Map<String, Object> tree, String source, PluginSource plugins) {
        return fromTree(tree, source, plugins, false);
    }

    private static ExperimentSpec fromTree(Map<String, Object> tree, String source, PluginSource plugins,
            boolean checkInputs) {
        SpecErrors errors = new SpecErrors(source);
        ExperimentSpec spec = validate(tree, errors, true, plugins, checkInputs);
        errors.throwIfAny();
        if (!spec.grid().isEmpty() || spec.hasArms()) {
            // each grid value must make a valid spec on its own
            for (Map.Entry<String, List<Object>> axis : spec.grid().entrySet()) {
                for (int i = 0; i < axis.getValue().size(); i++) {
                    Map<String, Object> cell = withoutGrid(tree);
                    set(cell, axis.getKey(), axis.getValue().get(i));
                    SpecErrors cellErrors = new SpecErrors(source);
                    validate(cell, cellErrors, false, plugins, checkInputs);
                    for (String e : cellErrors.all()) {
                        errors.add("grid." + axis.getKey() + "[" + i + "]", e);
                    }
                }
            }
            for (Arm arm : spec.arms()) {
                for (Map<String, Object> combination : arm.combinations()) {
                    Map<String, Object> cell = withoutGrid(tree);
                    arm.fixed().forEach((path, value) -> set(cell, path, value));
                    combination.forEach((path, value) -> set(cell, path, value));
                    SpecErrors cellErrors = new SpecErrors(source);
                    validate(cell, cellErrors, false, plugins, checkInputs);
                    for (String e : cellErrors.all()) {
                        errors.add("grid.arms[" + arm.label() + "]" + (combination.isEmpty() ? "" : " " + combination), e);
                    }
                }
            }
            errors.throwIfAny();
        }
        return spec;
    }

    /**
     * The spec of one grid cell: the base spec with these values set, no grid, writing into {@code out}.
     *
     * @param assignment dotted path to value
     */
    public static ExperimentSpec cell(ExperimentSpec base, Map<String, Object> assignment, Path out) {
        return cell(base, assignment, out, PluginSource.serviceLoader());
    }

    /** As {@link #cell(ExperimentSpec, Map, Path)}, with plugin names looked up in {@code plugins}. */
    public static ExperimentSpec cell(ExperimentSpec base, Map<String, Object> assignment, Path out,
            PluginSource plugins) {
        Map<String, Object> tree = withoutGrid(base.raw());
        assignment.forEach((path, value) -> set(tree, path, value));
        tree.put("out", out.toString());
        return fromTree(tree, base.source() + " " + assignment, plugins);
    }

    /** Every dotted path a grid or baseline may name; plugin sections take any setting. */
    static boolean knownPath(String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String section = path.substring(0, dot);
        String key = path.substring(dot + 1);
        return switch (section) {
            case "backbone" -> BACKBONE.contains(key);
            case "data" -> DATA.contains(key);
            case "training" -> TRAINING.contains(key) || key.startsWith("early_stopping.")
                    && EARLY_STOPPING.contains(key.substring("early_stopping.".length()));
            case "selector", "composer", "schedule", "router" -> !key.isEmpty() && !key.contains(".");
            default -> false;
        };
    }

    static List<String> knownPaths() {
        List<String> out = new ArrayList<>();
        BACKBONE.forEach(k -> out.add("backbone." + k));
        DATA.forEach(k -> out.add("data." + k));
        TRAINING.forEach(k -> out.add("training." + k));
        EARLY_STOPPING.forEach(k -> out.add("training.early_stopping." + k));
        PLUGIN_SECTIONS.forEach(s -> out.add(s + ".name"));
        return out;
    }

    private static ExperimentSpec validate(Map<String, Object> tree, SpecErrors errors, boolean withGrid,
            PluginSource plugins, boolean checkInputs) {
        errors.unknownKeys(tree, "", TOP);
        String name = errors.string(tree, "", "name", "experiment", true);
        String out = errors.string(tree, "", "out", "runs/" + name, false);

        Map<String, Object> b = errors.section(tree, "backbone", BACKBONE);
        if (!tree.containsKey("backbone")) {
            errors.add("backbone", "required (at least backbone.model)");
        }
        String plugin = errors.string(b, "backbone.", "plugin", "t5", false);
        checkPlugin(errors, "backbone.plugin", BackboneAdapterProvider.class, plugin, plugins);
        String model = errors.string(b, "backbone.", "model", null, tree.containsKey("backbone"));
        int maxIn = errors.integer(b, "backbone.", "max_input_tokens", 400, 2, "a whole number, 2 or more");
        int maxOut = errors.integer(b, "backbone.", "max_target_tokens", 50, 1, "a positive whole number");
        String device = errors.string(b, "backbone.", "device", "auto", false);
        int threads = errors.integer(b, "backbone.", "threads", 0, 0, "a whole number, 0 or more");

        Map<String, Object> d = errors.section(tree, "data", DATA);
        if (!tree.containsKey("data")) {
            errors.add("data", "required (at least data.dir)");
        }
        String dir = errors.string(d, "data.", "dir", null, tree.containsKey("data"));
        List<String> tasks = errors.strings(d, "data.", "tasks");
        int shots = errors.integer(d, "data.", "shots", 32, 1, "a positive whole number");
        boolean perLabel = errors.bool(d, "data.", "per_label", false);
        long dataSeed = errors.whole(d, "data.", "seed", 123, Long.MIN_VALUE / 4, "a whole number");
        String labels = errors.string(d, "data.", "labels", "natural", false).toLowerCase(Locale.ROOT);
        if (!labels.equals("natural") && !labels.equals("synthetic")) {
            errors.add("data.labels", "expected natural or synthetic, got '" + labels + "'");
            labels = "natural";
        }
        boolean prefix = errors.bool(d, "data.", "prefix", true);
        boolean generate = errors.bool(d, "data.", "generate", false);
        Decoding decoding = TaskData.DEFAULT_DECODING;
        Map<String, Integer> maxNewTokens = new LinkedHashMap<>();
        int beams = errors.integer(d, "data.", "num_beams", 1, 1, "a positive whole number");
        double lengthPenalty = 1.0;
        if (d.get("length_penalty") != null) {
            if (d.get("length_penalty") instanceof Number n && Double.isFinite(n.doubleValue())) {
                lengthPenalty = n.doubleValue();
            } else {
                errors.add("data.length_penalty", "expected a number, got " + SpecErrors.describe(d.get("length_penalty")));
            }
        }
        Decoding.EarlyStopping earlyStopping = Decoding.EarlyStopping.FALSE;
        if (d.get("early_stopping") != null) {
            try {
                earlyStopping = Decoding.EarlyStopping.of(String.valueOf(d.get("early_stopping")));
            } catch (InvalidInputException e) {
                errors.add("data.early_stopping", "expected true, false or never, got "
                        + SpecErrors.describe(d.get("early_stopping")));
            }
        }
        int budget = decoding.maxNewTokens();
        if (d.get("max_new_tokens") instanceof Map<?, ?> perTask) {
            // one budget per task: {squad: 16, xsum: 64}
            perTask.forEach((task, n) -> {
                if (n instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
                        && num.doubleValue() >= 1 && num.doubleValue() < Integer.MAX_VALUE) {
                    maxNewTokens.put(String.valueOf(task), num.intValue());
                } else {
                    errors.add("data.max_new_tokens." + task, "expected a positive whole number, got "
                            + SpecErrors.describe(n));
                }
            });
        } else {
            budget = errors.integer(d, "data.", "max_new_tokens", budget, 1, "a positive whole number or a map "
                    + "of task to one");
        }
        decoding = new Decoding(beams, lengthPenalty, earlyStopping, budget);

        TrainingSettings training = training(tree, errors, plugins);
        // where an ablation's cells run: checked here so that a bad setting fails before anything is submitted;
        // executors are found by ServiceLoader only (CellExecutors creates them), not in a module's bindings
        pluginSection(tree, errors, "executor", "local", CellExecutorProvider.class, PluginSource.serviceLoader(),
                (provider, settings) -> provider.create(settings));

        Map<String, List<Object>> grid = new LinkedHashMap<>();
        List<Arm> arms = new ArrayList<>();
        Map<String, Object> baseline = new LinkedHashMap<>();
        if (withGrid) {
            Map<String, Object> g = errors.section(tree, "grid", null);
            for (Map.Entry<String, Object> axis : g.entrySet()) {
                String path = "grid." + axis.getKey();
                if (axis.getKey().equals(Arm.KEY)) {
                    arms.addAll(arms(axis.getValue(), errors));
                } else if (!knownPath(axis.getKey())) {
                    errors.add(path, "unknown setting path; did you mean '"
                            + Plugins.closest(axis.getKey(), knownPaths()) + "'?");
                } else if (!(axis.getValue() instanceof List<?> values) || values.isEmpty()) {
                    errors.add(path, "expected a non-empty list of values, got "
                            + SpecErrors.describe(axis.getValue()));
                } else if (new LinkedHashSet<>(values.stream().map(String::valueOf).toList()).size() != values.size()) {
                    errors.add(path, "a value is listed twice: " + values);
                } else {
                    grid.put(axis.getKey(), new ArrayList<>(values));
                }
            }
            for (Arm arm : arms) {
                for (String path : arm.fixed().keySet()) {
                    if (grid.containsKey(path)) {
                        errors.add("grid.arms[" + arm.label() + "]." + path, "also a grid axis; set it in the arms"
                                + " or on the grid, not both");
                    }
                }
                for (String path : arm.tuning().keySet()) {
                    if (grid.containsKey(path)) {
                        errors.add("grid.arms[" + arm.label() + "]." + path, "also a grid axis; set it in the arms"
                                + " or on the grid, not both");
                    }
                }
            }
            Map<String, Object> base = errors.section(tree, "baseline", null);
            for (Map.Entry<String, Object> entry : base.entrySet()) {
                String path = "baseline." + entry.getKey();
                List<Object> values = grid.get(entry.getKey());
                if (entry.getKey().equals("arm")) {
                    List<String> armLabels = arms.stream().map(Arm::label).toList();
                    if (arms.isEmpty()) {
                        errors.add(path, "the grid has no arms (grid.arms)");
                    } else if (!armLabels.contains(String.valueOf(entry.getValue()))) {
                        errors.add(path, "'" + entry.getValue() + "' is not an arm's label; the arms are " + armLabels);
                    } else {
                        baseline.put("arm", String.valueOf(entry.getValue()));
                    }
                } else if (values == null) {
                    errors.add(path, "not a grid setting; the grid has " + grid.keySet());
                } else if (values.stream().map(String::valueOf).noneMatch(String.valueOf(entry.getValue())::equals)) {
                    errors.add(path, "'" + entry.getValue() + "' is not one of the grid's values " + values);
                } else {
                    baseline.put(entry.getKey(), entry.getValue());
                }
            }
        } else if (tree.containsKey("grid") || tree.containsKey("baseline")) {
            errors.add("grid", "a grid cell cannot have its own grid");
        }

        if (checkInputs) {
            checkInputs(errors, dir, tasks, plugin, model);
        }
        BackboneSpec backbone = null;
        if (model != null) {
            try {
                backbone = new BackboneSpec(plugin, new BackboneOptions(model, device, threads, maxIn, maxOut));
            } catch (InvalidInputException e) {
                errors.add("backbone", e.getMessage());
            }
        }
        DataSettings data = dir == null ? null
                : new DataSettings(Path.of(dir), tasks, shots, perLabel, dataSeed, labels, prefix, generate, decoding,
                        maxNewTokens);
        return new ExperimentSpec(errors.source(), name, Path.of(out), backbone, data, training, grid, arms,
                baseline, tree);
    }

    /**
     * Reads {@code grid.arms}: a list of mappings, each with a unique {@code label} and dotted setting paths whose
     * values are a value (fixed) or a non-empty list of distinct values (a tuning axis).
     */
    private static List<Arm> arms(Object raw, SpecErrors errors) {
        List<Arm> out = new ArrayList<>();
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            errors.add("grid.arms", "expected a non-empty list of arms ({label: NAME, setting.path: value, ...}), got "
                    + SpecErrors.describe(raw));
            return out;
        }
        Set<String> labels = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "grid.arms[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                errors.add(at, "expected a mapping {label: NAME, setting.path: value, ...}, got "
                        + SpecErrors.describe(list.get(i)));
                continue;
            }
            Object label = map.get(Arm.LABEL);
            if (label == null || !String.valueOf(label).matches("[A-Za-z0-9._+-]+")) {
                errors.add(at + "." + Arm.LABEL, "required: a name of letters, digits and . _ + - (it names the arm"
                        + " in tables), got " + (label == null ? "none" : "'" + label + "'"));
                continue;
            }
            if (!labels.add(String.valueOf(label))) {
                errors.add(at + "." + Arm.LABEL, "'" + label + "' names two arms");
                continue;
            }
            Map<String, Object> fixed = new LinkedHashMap<>();
            Map<String, List<Object>> tuning = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (key.equals(Arm.LABEL)) {
                    return;
                }
                String path = at + "." + key;
                if (!knownPath(key)) {
                    errors.add(path, "unknown setting path; did you mean '" + Plugins.closest(key, knownPaths()) + "'?");
                } else if (v instanceof List<?> values) {
                    if (values.isEmpty()) {
                        errors.add(path, "expected a value or a non-empty list of values to tune over, got []");
                    } else if (new LinkedHashSet<>(values.stream().map(String::valueOf).toList()).size() != values.size()) {
                        errors.add(path, "a value is listed twice: " + values);
                    } else {
                        tuning.put(key, new ArrayList<>(values));
                    }
                } else {
                    fixed.put(key, v);
                }
            });
            out.add(new Arm(String.valueOf(label), fixed, tuning));
        }
        return out;
    }

    /** The data folder and its tasks, and the model, as far as they can be checked without loading anything. */
    private static void checkInputs(SpecErrors errors, String dir, List<String> tasks, String plugin, String model) {
        if (dir != null) {
            try {
                List<String> found = DatasetReader.taskNames(Path.of(dir));
                if (found.isEmpty()) {
                    errors.add("data.dir", dir + ": no task directories found");
                }
                for (String task : tasks) {
                    if (!found.isEmpty() && !found.contains(task)) {
                        errors.add("data.tasks", "no task '" + task + "' in " + dir + "; did you mean '"
                                + Plugins.closest(task, found) + "'? found " + found);
                    }
                }
            } catch (InvalidInputException e) {
                errors.add("data.dir", e.getMessage());
            }
        }
        // the T5 backbones read a checkpoint directory; other backbones' models are theirs to check
        if (model != null && ("t5".equals(plugin) || "onnx".equals(plugin))) {
            try {
                T5Config.load(HfCache.resolveModel(model, System.getenv()).resolve("config.json"));
            } catch (InvalidInputException e) {
                // the message is written for the command line; a spec names its keys
                errors.add("backbone.model", e.getMessage().replace("pass --model DIR with a local model directory",
                        "set backbone.model to a local model directory"));
            }
        }
    }

    private static TrainingSettings training(Map<String, Object> tree, SpecErrors errors, PluginSource plugins) {
        Map<String, Object> t = errors.section(tree, "training", TRAINING);
        String p = "training.";
        TrainingSettings.Builder builder = TrainingSettings.builder();
        Variant variant = parse(errors, t, p, "variant", Variant::parse);
        if (variant != null) {
            builder.variant(variant);
        }
        PromptEncoderKind encoder = parse(errors, t, p, "encoder", PromptEncoderKind::parse);
        if (encoder != null) {
            builder.encoder(encoder);
        }
        TaskSampling sampling = parse(errors, t, p, "task_sampling", TaskSampling::parse);
        if (sampling != null) {
            builder.taskSampling(sampling);
        }
        builder.sources(errors.integer(t, p, "sources", 3, 1, "a positive whole number"))
                .promptLength(errors.integer(t, p, "prompt_length", 10, 1, "a positive whole number"))
                .encoderHidden(errors.integer(t, p, "encoder_hidden", 768, 1, "a positive whole number"))
                .steps(errors.integer(t, p, "steps", 500, 1, "a positive whole number"))
                .evalEvery(errors.integer(t, p, "eval_every", 50, 1, "a positive whole number"))
                .batchSize(errors.integer(t, p, "batch_size", 12, 1, "a positive whole number"))
                .sharedLearningRate(errors.decimal(t, p, "shared_lr", 0.1, true))
                .privateLearningRate(errors.decimal(t, p, "private_lr", 0.05, true))
                .encoderLearningRate(errors.decimal(t, p, "encoder_lr", 0.001, true))
                .weightDecay(errors.decimal(t, p, "weight_decay", 1e-5, false))
                .clipNorm(errors.decimal(t, p, "clip_norm", 1.0, false))
                .samplingTemperature(errors.decimal(t, p, "sampling_temperature", 2.0, true))
                .seed(errors.whole(t, p, "seed", 123, Long.MIN_VALUE / 4, "a whole number"))
                .initExcludeTaskWords(errors.bool(t, p, "init_exclude_task_words", true));
        builder.initExcludeWords(errors.strings(t, p, "init_exclude_words"));
        builder.earlyStopping(earlyStopping(t, errors));
        String bank = t.get("source_bank") == null ? null : errors.string(t, p, "source_bank", null, false);
        if (bank != null) {
            builder.sourceBank(Path.of(bank));
        }
        builder.selector(pluginSection(tree, errors, "selector", "softmax", SourceSelectorProvider.class, plugins,
                (provider, settings) -> provider.create(settings)), settingsOf(tree, errors, "selector"));
        builder.composer(pluginSection(tree, errors, "composer", "weighted-sum", PromptComposerProvider.class, plugins,
                (provider, settings) -> provider.create(settings)), settingsOf(tree, errors, "composer"));
        builder.schedule(pluginSection(tree, errors, "schedule", "linear-warmup", LrScheduleProvider.class, plugins,
                (provider, settings) -> provider.create(settings)), settingsOf(tree, errors, "schedule"));
        builder.router(pluginSection(tree, errors, "router", TrainingSettings.DEFAULT_ROUTER, RouterProvider.class,
                plugins, (provider, settings) -> provider.create(settings)), settingsOf(tree, errors, "router"));
        try {
            return builder.build();
        } catch (InvalidInputException e) {
            // cross-field rules, such as a source bank for SIL and SILP
            errors.add("training", e.getMessage());
            return null;
        }
    }

    /**
     * {@code training.early_stopping}, or null (train every step) when absent. Defaults: no minimum, patience 3,
     * the raw curve (smoothing 1), any rise counts (min_delta 0).
     */
    private static EarlyStopping earlyStopping(Map<String, Object> training, SpecErrors errors) {
        if (training.get("early_stopping") == null) {
            return null;
        }
        String path = "training.early_stopping";
        Map<String, Object> e = errors.section(training, "early_stopping", path, EARLY_STOPPING);
        String p = path + ".";
        // each value is checked here, by its path, so the rule's own checks never see a bad one
        return new EarlyStopping(errors.integer(e, p, "min_steps", 0, 0, "a whole number of steps, 0 or more"),
                errors.integer(e, p, "patience", 3, 1, "a whole number of evaluations, 1 or more"),
                errors.decimal(e, p, "min_delta", 0, false),
                errors.integer(e, p, "smoothing", 1, 1, "a whole number of evaluations, 1 or more"));
    }

    private static <T> T parse(SpecErrors errors, Map<String, Object> map, String path, String key,
            Function<String, T> parser) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        try {
            return parser.apply(String.valueOf(v));
        } catch (InvalidInputException e) {
            errors.add(path + key, e.getMessage());
            return null;
        }
    }

    private interface Creator<P> {
        Object create(P provider, PluginSettings settings);
    }

    /** The plugin's name, checked against the known ones, its settings checked by creating it once. */
    private static <P extends dev.crosspt.api.plugin.PluginProvider> String pluginSection(Map<String, Object> tree,
            SpecErrors errors, String section, String fallback, Class<P> kind, PluginSource plugins,
            Creator<P> creator) {
        Map<String, Object> map = errors.section(tree, section, null);
        String name = errors.string(map, section + ".", "name", fallback, false);
        P provider = checkPlugin(errors, section + ".name", kind, name, plugins);
        if (provider != null) {
            Map<String, Object> settings = settingsOf(tree, null, section);
            try {
                creator.create(provider, PluginSettings.of(section + " '" + name + "'", settings));
            } catch (InvalidInputException e) {
                errors.add(section, e.getMessage());
            }
        }
        return name;
    }

    private static Map<String, Object> settingsOf(Map<String, Object> tree, SpecErrors errors, String section) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (tree.get(section) instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (!"name".equals(String.valueOf(k))) {
                    settings.put(String.valueOf(k), v);
                }
            });
        }
        return settings;
    }

    private static <P extends dev.crosspt.api.plugin.PluginProvider> P checkPlugin(SpecErrors errors, String path,
            Class<P> kind, String name, PluginSource plugins) {
        try {
            return plugins.provider(kind, name);
        } catch (InvalidInputException e) {
            errors.add(path, e.getMessage());
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Object tree) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) tree).forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map ? copy(v) : v));
        return out;
    }

    private static Map<String, Object> withoutGrid(Map<String, Object> tree) {
        Map<String, Object> out = copy(tree);
        out.remove("grid");
        out.remove("baseline");
        return out;
    }

    /**
     * Sets a dotted path ({@code section.key}, or {@code training.early_stopping.patience}) in a tree, creating
     * the mappings on the way when absent.
     */
    @SuppressWarnings("unchecked")
    static void set(Map<String, Object> tree, String path, Object value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            tree.put(path, value);
            return;
        }
        String section = path.substring(0, dot);
        Object existing = tree.get(section);
        Map<String, Object> map = existing instanceof Map ? (Map<String, Object>) existing : new LinkedHashMap<>();
        set(map, path.substring(dot + 1), value);
        tree.put(section, map);
    }
}
