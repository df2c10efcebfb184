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
import java.nio.file.Path;
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

    private final BackboneBenchSettings settings;
    private final Device device;
    private final Path workDir;
    private final Consumer<String> progress;

    /**
     * @param workDir where the random checkpoints are written (deleted by the caller)
     * @param progress receives one line per phase
     */
    public BackboneBenchmark(BackboneBenchSettings settings, Device device, Path workDir, Consumer<String> progress) {
        this.settings = settings;
        this.device = device;
        this.workDir = workDir;
        this.progress = progress;
    }

    /** Runs every measurement: the memory soak first, so that its baseline is not inflated by the larger model. */
    public BackboneBenchResult run() {
        double[] rss = settings.soakSteps() > 0 ? soak() : new double[] {Double.NaN, Double.NaN};
        T5Config small = RandomT5Checkpoint.t5SmallShape();
        progress.accept("writing a random T5-small-shaped checkpoint");
        Path smallDir = RandomT5Checkpoint.of(small, settings.seed()).write(workDir.resolve("t5-small-random"));
        BackboneBenchSettings s = settings;
        double trainSeconds;
        double evalSeconds;
        double gemm;
        try (T5Backbone backbone = T5Backbone.load(smallDir, device)) {
            progress.accept("measuring the fp32 matrix-multiply rate");
            try (NDManager scope = backbone.newScope()) {
                gemm = GemmRate.measure(scope, s.gemmSize(), 3.0);
            }
            try (PromptTrainer trainer = new PromptTrainer(backbone, s)) {
                progress.accept("training: " + s.warmupSteps() + " warm-up + " + s.trainSteps() + " timed steps");
                for (int i = 0; i < s.warmupSteps(); i++) {
                    trainer.step();
                }
                long start = System.nanoTime();
                for (int i = 0; i < s.trainSteps(); i++) {
                    trainer.step();
                }
                trainSeconds = (System.nanoTime() - start) / 1e9;
                progress.accept("evaluation: " + s.evalBatches() + " batches");
                trainer.evaluate();
                start = System.nanoTime();
                for (int i = 0; i < s.evalBatches(); i++) {
                    trainer.evaluate();
                }
                evalSeconds = (System.nanoTime() - start) / 1e9;
            }
        }
        double stepSeconds = trainSeconds / s.trainSteps();
        double stepFlops = StepFlops.trainingStep(small, s.batch(), s.promptTokens() + s.inputTokens(), s.targetTokens());
        double efficiency = stepFlops / (stepSeconds * gemm * 1e9);
        LOG.info("step {} s, {} GFLOP, GEMM {} GFLOP/s", stepSeconds, stepFlops / 1e9, gemm);
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        return new BackboneBenchResult(device.toString(), threads, 1 / stepSeconds, s.batch() / stepSeconds,
                s.batch() * s.evalBatches() / evalSeconds, ProcessMemory.peakRssMb(), gemm, stepFlops / 1e9,
                efficiency, rss[0], rss[1], s.soakSteps());
    }

    /** Trains the tiny model and returns resident memory after a tenth of the steps and after the last. */
    private double[] soak() {
        int steps = settings.soakSteps();
        progress.accept("memory soak: " + steps + " training steps of the tiny model");
        Path tinyDir = RandomT5Checkpoint.of(TINY, settings.seed()).write(workDir.resolve("t5-tiny-random"));
        BackboneBenchSettings tiny = new BackboneBenchSettings(8, 32, 5, 4, 0, 1, 1, 0, 1, settings.seed());
        double[] rss = new double[2];
        try (T5Backbone backbone = T5Backbone.load(tinyDir, device);
                PromptTrainer trainer = new PromptTrainer(backbone, tiny)) {
            for (int step = 1; step <= steps; step++) {
                trainer.step();
                if (step == steps / 10) {
                    rss[0] = ProcessMemory.rssMb();
                }
                if (step % (steps / 10) == 0) {
                    progress.accept("  soak step " + step + ", RSS " + Math.round(ProcessMemory.rssMb()) + " MiB");
                }
            }
            rss[1] = ProcessMemory.rssMb();
        }
        return rss;
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

        PromptTrainer(T5Backbone backbone, BackboneBenchSettings s) {
            this.backbone = backbone;
            this.s = s;
            this.params = backbone.newScope();
            int d = backbone.config().dModel();
            prompt = params.randomNormal(0f, 0.5f, new Shape(s.promptTokens(), d), ai.djl.ndarray.types.DataType.FLOAT32);
            prompt.setRequiresGradient(true);
            optimizer = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(0.1f)).build();
            SplittableRandom random = new SplittableRandom(s.seed());
            int vocab = backbone.config().vocabSize();
            inputIds = new long[s.batch() * s.inputTokens()];
            inputMask = new long[inputIds.length];
            for (int i = 0; i < inputIds.length; i++) {
                inputIds[i] = 2 + random.nextInt(vocab - 2);
                inputMask[i] = 1;
            }
            labels = new long[s.batch() * s.targetTokens()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = 2 + random.nextInt(vocab - 2);
            }
        }

        void step() {
            try (NDManager scope = backbone.newScope()) {
                NDArray ids = scope.create(inputIds, new Shape(s.batch(), s.inputTokens()));
                NDArray mask = scope.create(inputMask, new Shape(s.batch(), s.inputTokens()));
                NDArray target = scope.create(labels, new Shape(s.batch(), s.targetTokens()));
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
                NDArray ids = scope.create(inputIds, new Shape(s.batch(), s.inputTokens()));
                NDArray mask = scope.create(inputMask, new Shape(s.batch(), s.inputTokens()));
                NDArray target = scope.create(labels, new Shape(s.batch(), s.targetTokens()));
                backbone.loss(ids, mask, prompt, target, false).toFloatArray();
            }
        }

        @Override
        public void close() {
            params.close();
        }
    }
}
