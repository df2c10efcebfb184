package dev.crosspt.train;

import dev.crosspt.api.InvalidInputException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that decides a training run; with the data and the backbone it determines the result.
 *
 * @param variant which prompts exist (P, SL, SLP, SIL, SILP, MT-P)
 * @param sources number of source prompts M (ignored by P; MT-P always uses one)
 * @param promptLength length L of each source and private prompt
 * @param encoder the shared prompt encoder
 * @param encoderHidden hidden width of the MLP encoder
 * @param selector short name of the source selector plugin
 * @param selectorSettings its settings
 * @param composer short name of the prompt composer plugin
 * @param composerSettings its settings
 * @param schedule short name of the learning-rate schedule plugin (both parameter groups)
 * @param scheduleSettings its settings
 * @param sharedLearningRate base rate of the shared prompts: sources, router and selector parameters
 * @param privateLearningRate base rate of the private prompts (kept below the shared rate: the paper reports
 *     collapse when it reaches it)
 * @param encoderLearningRate base rate of the prompt encoder's weights: far below the prompts' rates, since a
 *     step on a d x d matrix moves every prompt at once
 * @param weightDecay AdamW's decoupled weight decay
 * @param clipNorm largest global gradient norm, or 0 for no clipping
 * @param batchSize examples per step, drawn across tasks
 * @param steps optimizer steps
 * @param evalEvery steps between dev evaluations (and checkpoints)
 * @param taskSampling how each example's task is drawn
 * @param samplingTemperature T for {@link TaskSampling#TEMPERATURE}
 * @param seed the one seed everything is derived from
 * @param sourceBank a saved source bank for the I variants, or null
 * @param initExcludeTaskWords whether prompt initialisation leaves out the tokens of the tasks' label words and
 *     names, so that no prompt starts out holding an answer or naming its task (default true)
 * @param initExcludeWords further words prompt initialisation leaves out, whatever {@code initExcludeTaskWords}
 *     says: words the backbone reads as instructions that are not the tasks' own (the demo model's category
 *     names); empty by default
 * @param router short name of the router plugin that produces the logits the selector reads ({@code table} by
 *     default)
 * @param routerSettings its settings
 * @param earlyStopping when a run ends before {@code steps} because its dev curve has flattened, or null to train
 *     every step (the default); {@code steps} stays the most a run trains
 */
public record TrainingSettings(
        Variant variant, int sources, int promptLength, PromptEncoderKind encoder, int encoderHidden,
        String selector, Map<String, Object> selectorSettings, String composer, Map<String, Object> composerSettings,
        String schedule, Map<String, Object> scheduleSettings, double sharedLearningRate, double privateLearningRate,
        double encoderLearningRate, double weightDecay, double clipNorm, int batchSize, int steps, int evalEvery, TaskSampling taskSampling,
        double samplingTemperature, long seed, Path sourceBank, boolean initExcludeTaskWords,
        List<String> initExcludeWords, String router, Map<String, Object> routerSettings,
        EarlyStopping earlyStopping) {

    /** The router every run had before routers were plugins. */
    public static final String DEFAULT_ROUTER = "table";

    /** Validates every field; messages name the setting and the bad value. */
    public TrainingSettings {
        require(variant != null, "variant", "one of P, SL, SLP, SIL, SILP, MT-P", variant);
        require(sources >= 1, "sources", "at least 1", sources);
        require(promptLength >= 1, "prompt-length", "at least 1", promptLength);
        require(encoder != null, "encoder", "identity, linear or mlp", encoder);
        require(encoderHidden >= 1, "encoder-hidden", "at least 1", encoderHidden);
        require(selector != null && !selector.isBlank(), "selector", "a plugin name", selector);
        require(composer != null && !composer.isBlank(), "composer", "a plugin name", composer);
        require(schedule != null && !schedule.isBlank(), "schedule", "a plugin name", schedule);
        require(router != null && !router.isBlank(), "router", "a plugin name", router);
        require(sharedLearningRate > 0 && Double.isFinite(sharedLearningRate), "shared-lr", "a positive number",
                sharedLearningRate);
        require(privateLearningRate > 0 && Double.isFinite(privateLearningRate), "private-lr", "a positive number",
                privateLearningRate);
        require(encoderLearningRate > 0 && Double.isFinite(encoderLearningRate), "encoder-lr", "a positive number",
                encoderLearningRate);
        require(weightDecay >= 0, "weight-decay", "0 or more", weightDecay);
        require(clipNorm >= 0, "clip-norm", "0 (off) or more", clipNorm);
        require(batchSize >= 1, "batch-size", "at least 1", batchSize);
        require(steps >= 1, "steps", "at least 1", steps);
        require(evalEvery >= 1, "eval-every", "at least 1", evalEvery);
        require(taskSampling != null, "task-sampling", "proportional, uniform or temperature", taskSampling);
        require(samplingTemperature > 0, "sampling-temperature", "a positive number", samplingTemperature);
        require(!variant.initialisesSources() || sourceBank != null, "source-bank",
                "a saved source bank file for " + variant.label(), sourceBank);
        // sorted, so that describe() (and the settings a checkpoint is compared against on resume) is the same
        // text in every JVM; Map.copyOf's order changes from one JVM to the next
        selectorSettings = sorted(selectorSettings);
        composerSettings = sorted(composerSettings);
        scheduleSettings = sorted(scheduleSettings);
        require(initExcludeWords != null && initExcludeWords.stream().noneMatch(w -> w == null || w.isBlank()),
                "init-exclude-words", "a list of words", initExcludeWords);
        initExcludeWords = List.copyOf(initExcludeWords);
        routerSettings = sorted(routerSettings);
    }

    private static Map<String, Object> sorted(Map<String, Object> settings) {
        return Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    private static void require(boolean ok, String field, String expected, Object got) {
        if (!ok) {
            throw new InvalidInputException("training setting '" + field + "': expected " + expected + ", got " + got);
        }
    }

    /** Defaults close to the authors' settings, scaled for small models: see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy with another variant. */
    public TrainingSettings withVariant(Variant v) {
        return toBuilder().variant(v).build();
    }

    /** A copy with another seed. */
    public TrainingSettings withSeed(long s) {
        return toBuilder().seed(s).build();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.variant = variant;
        b.sources = sources;
        b.promptLength = promptLength;
        b.encoder = encoder;
        b.encoderHidden = encoderHidden;
        b.selector = selector;
        b.selectorSettings = new LinkedHashMap<>(selectorSettings);
        b.composer = composer;
        b.composerSettings = new LinkedHashMap<>(composerSettings);
        b.schedule = schedule;
        b.scheduleSettings = new LinkedHashMap<>(scheduleSettings);
        b.sharedLearningRate = sharedLearningRate;
        b.privateLearningRate = privateLearningRate;
        b.encoderLearningRate = encoderLearningRate;
        b.weightDecay = weightDecay;
        b.clipNorm = clipNorm;
        b.batchSize = batchSize;
        b.steps = steps;
        b.evalEvery = evalEvery;
        b.taskSampling = taskSampling;
        b.samplingTemperature = samplingTemperature;
        b.seed = seed;
        b.sourceBank = sourceBank;
        b.initExcludeTaskWords = initExcludeTaskWords;
        b.initExcludeWords = initExcludeWords;
        b.router = router;
        b.routerSettings = new LinkedHashMap<>(routerSettings);
        b.earlyStopping = earlyStopping;
        return b;
    }

    /** The settings as a flat map, for manifests and checkpoint metadata. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", variant.label());
        m.put("sources", sources);
        m.put("prompt_length", promptLength);
        m.put("encoder", encoder.name().toLowerCase(java.util.Locale.ROOT));
        m.put("encoder_hidden", encoderHidden);
        m.put("selector", selector);
        m.put("selector_settings", selectorSettings);
        m.put("composer", composer);
        m.put("composer_settings", composerSettings);
        m.put("schedule", schedule);
        m.put("schedule_settings", scheduleSettings);
        m.put("shared_lr", sharedLearningRate);
        m.put("private_lr", privateLearningRate);
        m.put("encoder_lr", encoderLearningRate);
        m.put("weight_decay", weightDecay);
        m.put("clip_norm", clipNorm);
        m.put("batch_size", batchSize);
        m.put("steps", steps);
        m.put("eval_every", evalEvery);
        m.put("task_sampling", taskSampling.name().toLowerCase(java.util.Locale.ROOT));
        m.put("sampling_temperature", samplingTemperature);
        m.put("seed", seed);
        m.put("source_bank", sourceBank == null ? null : sourceBank.toString());
        if (!initExcludeTaskWords) {
            // only when off: the default's settings read as before, so older checkpoints still resume (once
            // resumed, every parameter comes from the checkpoint and the initialisation plays no part)
            m.put("init_exclude_task_words", false);
        }
        if (!initExcludeWords.isEmpty()) {
            m.put("init_exclude_words", initExcludeWords);
        }
        if (!router.equals(DEFAULT_ROUTER) || !routerSettings.isEmpty()) {
            // only when not the table with its defaults, for the same reason
            m.put("router", router);
            m.put("router_settings", routerSettings);
        }
        if (earlyStopping != null) {
            m.put("early_stopping", earlyStopping.toMap());
        }
        return m;
    }

    /** Builds {@link TrainingSettings}; every field has a default. */
    public static final class Builder {
        private Variant variant = Variant.SLP;
        private int sources = 3;
        private int promptLength = 10;
        private PromptEncoderKind encoder = PromptEncoderKind.LINEAR;
        private int encoderHidden = 768;
        private String selector = "softmax";
        private Map<String, Object> selectorSettings = new LinkedHashMap<>();
        private String composer = "weighted-sum";
        private Map<String, Object> composerSettings = new LinkedHashMap<>();
        private String schedule = "linear-warmup";
        private Map<String, Object> scheduleSettings = new LinkedHashMap<>();
        private double sharedLearningRate = 0.1;
        private double privateLearningRate = 0.05;
        private double encoderLearningRate = 1e-3;
        private double weightDecay = 1e-5;
        private double clipNorm = 1.0;
        private int batchSize = 12;
        private int steps = 500;
        private int evalEvery = 50;
        private TaskSampling taskSampling = TaskSampling.PROPORTIONAL;
        private double samplingTemperature = 2.0;
        private long seed = 123;
        private Path sourceBank;
        private boolean initExcludeTaskWords = true;
        private List<String> initExcludeWords = List.of();
        private String router = DEFAULT_ROUTER;
        private Map<String, Object> routerSettings = new LinkedHashMap<>();
        private EarlyStopping earlyStopping;

        /** @see TrainingSettings#variant() */
        public Builder variant(Variant v) { this.variant = v; return this; }
        /** @see TrainingSettings#sources() */
        public Builder sources(int m) { this.sources = m; return this; }
        /** @see TrainingSettings#promptLength() */
        public Builder promptLength(int l) { this.promptLength = l; return this; }
        /** @see TrainingSettings#encoder() */
        public Builder encoder(PromptEncoderKind e) { this.encoder = e; return this; }
        /** @see TrainingSettings#encoderHidden() */
        public Builder encoderHidden(int h) { this.encoderHidden = h; return this; }
        /** @see TrainingSettings#selector() */
        public Builder selector(String name, Map<String, ?> settings) {
            this.selector = name;
            this.selectorSettings = new LinkedHashMap<>(settings);
            return this;
        }
        /** @see TrainingSettings#composer() */
        public Builder composer(String name, Map<String, ?> settings) {
            this.composer = name;
            this.composerSettings = new LinkedHashMap<>(settings);
            return this;
        }
        /** @see TrainingSettings#schedule() */
        public Builder schedule(String name, Map<String, ?> settings) {
            this.schedule = name;
            this.scheduleSettings = new LinkedHashMap<>(settings);
            return this;
        }
        /** @see TrainingSettings#sharedLearningRate() */
        public Builder sharedLearningRate(double r) { this.sharedLearningRate = r; return this; }
        /** @see TrainingSettings#privateLearningRate() */
        public Builder privateLearningRate(double r) { this.privateLearningRate = r; return this; }
        /** @see TrainingSettings#encoderLearningRate() */
        public Builder encoderLearningRate(double r) { this.encoderLearningRate = r; return this; }
        /** @see TrainingSettings#weightDecay() */
        public Builder weightDecay(double w) { this.weightDecay = w; return this; }
        /** @see TrainingSettings#clipNorm() */
        public Builder clipNorm(double c) { this.clipNorm = c; return this; }
        /** @see TrainingSettings#batchSize() */
        public Builder batchSize(int b) { this.batchSize = b; return this; }
        /** @see TrainingSettings#steps() */
        public Builder steps(int s) { this.steps = s; return this; }
        /** @see TrainingSettings#evalEvery() */
        public Builder evalEvery(int e) { this.evalEvery = e; return this; }
        /** @see TrainingSettings#taskSampling() */
        public Builder taskSampling(TaskSampling t) { this.taskSampling = t; return this; }
        /** @see TrainingSettings#samplingTemperature() */
        public Builder samplingTemperature(double t) { this.samplingTemperature = t; return this; }
        /** @see TrainingSettings#seed() */
        public Builder seed(long s) { this.seed = s; return this; }
        /** @see TrainingSettings#sourceBank() */
        public Builder sourceBank(Path p) { this.sourceBank = p; return this; }
        /** @see TrainingSettings#initExcludeTaskWords() */
        public Builder initExcludeTaskWords(boolean e) { this.initExcludeTaskWords = e; return this; }
        /** @see TrainingSettings#initExcludeWords() */
        public Builder initExcludeWords(List<String> words) { this.initExcludeWords = words; return this; }
        /** @see TrainingSettings#router() */
        public Builder router(String name, Map<String, ?> settings) {
            this.router = name;
            this.routerSettings = new LinkedHashMap<>(settings);
            return this;
        }

        /** @see TrainingSettings#earlyStopping() */
        public Builder earlyStopping(EarlyStopping rule) { this.earlyStopping = rule; return this; }

        /** Validates and builds. */
        public TrainingSettings build() {
            return new TrainingSettings(variant, sources, promptLength, encoder, encoderHidden, selector,
                    selectorSettings, composer, composerSettings, schedule, scheduleSettings, sharedLearningRate,
                    privateLearningRate, encoderLearningRate, weightDecay, clipNorm, batchSize, steps, evalEvery, taskSampling,
                    samplingTemperature, seed, sourceBank, initExcludeTaskWords, initExcludeWords, router,
                    routerSettings, earlyStopping);
        }
    }
}
