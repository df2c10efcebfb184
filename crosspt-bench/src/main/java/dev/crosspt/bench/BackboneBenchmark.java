package dev.crosspt.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.crosspt.checkpoint.RandomT5Checkpoint;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.djl.engine.Devices;
import dev.crosspt.djl.t5.T5Backbone;
import dev.crosspt.io.Directories;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the frozen T5 backbone: training and evaluation throughput for a T5-small shape with random weights,
 * the FLOP efficiency of a training step against this machine's matrix-multiply rate, and resident-memory growth
 * over a long run of the tiny model.
 */
public final class BackboneBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(BackboneBenchmark.class);

    /** The shape of the tiny test fixture {@code t5-tiny-relu}. */
    static final T5Config TINY = new T5Config(500, 64, 16, 128, 2, 2, 4, 8, 16, 0.0, 1e-6, "relu", false, true, true, 0, 0, 1);

    /** The shape of t5-base: d_model 768, 12+12 layers, 12 heads, d_kv 64, d_ff 3072, vocabulary 32128. */
    static final T5Config T5_BASE =
            new T5Config(32128, 768, 64, 3072, 12, 12, 12, 32, 128, 0.1, 1e-6, "relu", false, true, true, 0, 0, 1);

    /** FLOPs per multiply-rate sample: about a twentieth of a second at this machine's rate. */
    private static final double SAMPLE_FLOPS = 10e9;

    private final BackboneBenchSettings settings;
    private final Device device;
    private final Path workDir;
    private final Path traceDir;
    private final Consumer<String> progress;

    /**
     * @param workDir where the random checkpoints are written (deleted by the caller)
     * @param traceDir where the profiler's Chrome traces go when profiling ({@code train-step.trace.json},
     *     {@code eval-batch.trace.json}, replaced atomically)
     * @param progress receives one line per phase
     */
    public BackboneBenchmark(BackboneBenchSettings settings, Device device, Path workDir, Path traceDir,
            Consumer<String> progress) {
        this.settings = settings;
        this.device = device;
        this.workDir = workDir;
        this.traceDir = traceDir;
        this.progress = progress;
    }

    /** Runs every measurement: the memory soak first, so that its baseline is not inflated by the larger models. */
    public BackboneBenchResult run() {
        MemorySoak soak = settings.soakSteps() > 0 ? soak() : null;
        T5Config small = RandomT5Checkpoint.t5SmallShape();
        progress.accept("writing a random T5-small-shaped checkpoint");
        Path smallDir = RandomT5Checkpoint.of(small, settings.seed()).write(workDir.resolve("t5-small-random"));
        BackboneBenchSettings s = settings;
        double stepFlops = StepFlops.trainingStep(small, s.batch(), s.sourceTokens(), s.targetTokens());
        double evalFlops = StepFlops.forward(small, s.batch(), s.sourceTokens(), s.targetTokens());
        Interleaved train;
        Interleaved eval;
        List<OpProfile> profiles = new ArrayList<>();
        try (T5Backbone backbone = T5Backbone.load(smallDir, device);
                NDManager scope = backbone.newScope();
                GemmRate rate = new GemmRate(scope, small, s.batch() * s.sourceTokens(), SAMPLE_FLOPS);
                PromptTrainer trainer = new PromptTrainer(backbone, s, s.batch())) {
            progress.accept("training: " + s.warmupSteps() + " warm-up + " + s.trainSteps()
                    + " timed steps, each after a sample of the matrix-multiply rate on the step's shapes");
            for (int i = 0; i < s.warmupSteps(); i++) {
                trainer.step();
            }
            train = Interleaved.run(s.trainSteps(), rate, trainer::step, stepFlops);
            progress.accept("evaluation: " + s.evalBatches() + " batches, interleaved the same way");
            trainer.evaluate();
            eval = Interleaved.run(s.evalBatches(), rate, trainer::evaluate, evalFlops);
            if (s.profileRepetitions() > 0) {
                progress.accept("profiling " + s.profileRepetitions() + " training steps and evaluation batches");
                profiles.add(OpProfile.record("training step", s.profileRepetitions(), trainer::step,
                        traceDir.resolve("train-step.trace.json")));
                profiles.add(OpProfile.record("evaluation batch", s.profileRepetitions(), trainer::evaluate,
                        traceDir.resolve("eval-batch.trace.json")));
            }
        }
        BaseShapeLine base = s.baseSteps() > 0 ? baseLine() : null;
        LOG.info("step {} s, {} GFLOP, GEMM {} GFLOP/s", train.seconds().median(), stepFlops / 1e9,
                train.gemm().median());
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        double[] gemm = DoubleStream.concat(Arrays.stream(train.gemmSamples()), Arrays.stream(eval.gemmSamples()))
                .toArray();
        return new BackboneBenchResult(device.toString(), threads, s.batch(), train.seconds(), eval.seconds(),
                Spread.of(gemm), train.efficiency(), eval.efficiency(), stepFlops / 1e9, evalFlops / 1e9,
                ProcessMemory.peakRssMb(), soak, base, profiles, train.faults(), eval.faults());
    }

    /** Times training steps of the T5-base shape at the presets' batch, with its own multiply-rate samples. */
    private BaseShapeLine baseLine() {
        BackboneBenchSettings s = settings;
        int batch = BackboneBenchSettings.BASE_BATCH;
        progress.accept("writing a random T5-base-shaped checkpoint");
        Path baseDir = RandomT5Checkpoint.of(T5_BASE, s.seed()).write(workDir.resolve("t5-base-random"));
        double stepFlops = StepFlops.trainingStep(T5_BASE, batch, s.sourceTokens(), s.targetTokens());
        try (T5Backbone backbone = T5Backbone.load(baseDir, device);
                NDManager scope = backbone.newScope();
                GemmRate rate = new GemmRate(scope, T5_BASE, batch * s.sourceTokens(), SAMPLE_FLOPS);
                PromptTrainer trainer = new PromptTrainer(backbone, s, batch)) {
            progress.accept("T5-base shape, batch " + batch + ": 1 warm-up + " + s.baseSteps() + " timed steps");
            trainer.step();
            Interleaved timed = Interleaved.run(s.baseSteps(), rate, trainer::step, stepFlops);
            return new BaseShapeLine(batch, timed.seconds(), timed.gemm(), timed.efficiency(), stepFlops / 1e9);
        } finally {
            Directories.deleteTreeQuietly(baseDir);
        }
    }

    /** Trains the tiny model and reads resident memory and garbage collections every tenth of the steps. */
    private MemorySoak soak() {
        int steps = settings.soakSteps();
        progress.accept("memory soak: " + steps + " training steps of the tiny model");
        Path tinyDir = RandomT5Checkpoint.of(TINY, settings.seed()).write(workDir.resolve("t5-tiny-random"));
        BackboneBenchSettings tiny = new BackboneBenchSettings(8, 32, 5, 4, 0, 1, 1, 0, 0, 0, settings.seed());
        long collectionsBefore = ProcessMemory.collections();
        List<MemorySoak.Read> reads = new ArrayList<>();
        try (T5Backbone backbone = T5Backbone.load(tinyDir, device);
                PromptTrainer trainer = new PromptTrainer(backbone, tiny, tiny.batch())) {
            for (int step = 1; step <= steps; step++) {
                trainer.step();
                if (step % (steps / 10) == 0) {
                    MemorySoak.Read read = new MemorySoak.Read(step, ProcessMemory.rssMb(),
                            ProcessMemory.collections() - collectionsBefore);
                    reads.add(read);
                    progress.accept("  soak step " + step + ", RSS " + Math.round(read.rssMb()) + " MiB, "
                            + read.collections() + " garbage collections");
                }
            }
        }
        return MemorySoak.of(steps, reads);
    }

    /** Prompt tuning on random data: one soft prompt, AdamW, fixed inputs. */
    private static final class PromptTrainer implements AutoCloseable {

        private final T5Backbone backbone;
        private final NDManager params;
        private final NDArray prompt;
        private final Optimizer optimizer;
        private final long[] inputIds;
        private final long[] inputMask;
        private final long[] labels;
        private final BackboneBenchSettings s;
        private final int batch;

        PromptTrainer(T5Backbone backbone, BackboneBenchSettings s, int batch) {
            this.backbone = backbone;
            this.s = s;
            this.batch = batch;
            this.params = backbone.newScope();
            int d = backbone.config().dModel();
            prompt = params.randomNormal(0f, 0.5f, new Shape(s.promptTokens(), d), ai.djl.ndarray.types.DataType.FLOAT32);
            prompt.setRequiresGradient(true);
            optimizer = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(0.1f)).build();
            SplittableRandom random = new SplittableRandom(s.seed());
            int vocab = backbone.config().vocabSize();
            inputIds = new long[batch * s.inputTokens()];
            inputMask = new long[inputIds.length];
            for (int i = 0; i < inputIds.length; i++) {
                inputIds[i] = 2 + random.nextInt(vocab - 2);
                inputMask[i] = 1;
            }
            labels = new long[batch * s.targetTokens()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = 2 + random.nextInt(vocab - 2);
            }
        }

        void step() {
            try (NDManager scope = backbone.newScope()) {
                NDArray ids = scope.create(inputIds, new Shape(batch, s.inputTokens()));
                NDArray mask = scope.create(inputMask, new Shape(batch, s.inputTokens()));
                NDArray target = scope.create(labels, new Shape(batch, s.targetTokens()));
                try (GradientCollector collector = Engine.getEngine(Devices.ENGINE).newGradientCollector()) {
                    collector.backward(backbone.loss(ids, mask, prompt, target, true));
                }
                try (NDArray gradient = prompt.getGradient()) {
                    optimizer.update("prompt", prompt, gradient);
                    // gradients accumulate across backward passes: zero them for the next step
                    gradient.subi(gradient);
                }
            }
        }

        void evaluate() {
            try (NDManager scope = backbone.newScope()) {
                NDArray ids = scope.create(inputIds, new Shape(batch, s.inputTokens()));
                NDArray mask = scope.create(inputMask, new Shape(batch, s.inputTokens()));
                NDArray target = scope.create(labels, new Shape(batch, s.targetTokens()));
                backbone.loss(ids, mask, prompt, target, false).toFloatArray();
            }
        }

        @Override
        public void close() {
            params.close();
        }
    }
}
