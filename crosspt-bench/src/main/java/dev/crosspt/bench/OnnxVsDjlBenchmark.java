package dev.crosspt.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.checkpoint.RandomT5Checkpoint;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.djl.engine.Devices;
import dev.crosspt.djl.t5.T5Backbone;
import dev.crosspt.onnx.OnnxT5Backbone;
import dev.crosspt.onnx.OnnxT5Exporter;
import dev.crosspt.t5.TokenBatch;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.DoubleStream;

/**
 * Evaluation throughput of ONNX Runtime against DJL PyTorch on the same model (random weights), the same inputs
 * and prompt and the same thread count, measured two ways: one teacher-forced forward that returns the logits
 * {@code [B, targets, vocab]} as a Java array (the figure), and rank classification, which scores every
 * label candidate of every sample as evaluation during training does (both engines encode each input once).
 * Each timed logits batch of either engine follows one sample of the machine's matrix-multiply rate on the
 * model's shapes ({@link GemmRate}), so that both engines' FLOP efficiencies stand on the same yardstick.
 *
 * <p>The DJL thread count comes from {@code -Dai.djl.pytorch.num_threads}, which must be set to
 * {@link OnnxBenchSettings#threads()} before PyTorch starts (the CLI does); ONNX Runtime gets the same intra-op
 * count and one inter-op thread.
 */
public final class OnnxVsDjlBenchmark {

    /** FLOPs per multiply-rate sample, as {@link BackboneBenchmark} takes them. */
    private static final double GEMM_SAMPLE_FLOPS = 10e9;

    private final OnnxBenchSettings settings;
    private final Path workDir;
    private final Consumer<String> progress;

    /**
     * @param workDir where the random checkpoint and its ONNX graph are written (deleted by the caller)
     * @param progress receives one line per phase
     */
    public OnnxVsDjlBenchmark(OnnxBenchSettings settings, Path workDir, Consumer<String> progress) {
        this.settings = settings;
        this.workDir = workDir;
        this.progress = progress;
    }

    /** Writes the checkpoint, exports it, then times DJL and ONNX Runtime in turn. */
    public OnnxVsDjlResult run() {
        OnnxBenchSettings s = settings;
        T5Config shape = s.tinyModel() ? BackboneBenchmark.TINY : RandomT5Checkpoint.t5SmallShape();
        String name = s.tinyModel() ? "t5-tiny-random" : "t5-small-random";
        progress.accept("writing a random " + name + " checkpoint");
        Path modelDir = RandomT5Checkpoint.of(shape, s.seed()).write(workDir.resolve(name));
        progress.accept("exporting it to ONNX");
        long exportStart = System.nanoTime();
        Path onnx = OnnxT5Exporter.export(modelDir, workDir.resolve("onnx"));
        double exportSeconds = (System.nanoTime() - exportStart) / 1e9;

        SplittableRandom random = new SplittableRandom(s.seed());
        int vocab = shape.vocabSize();
        int d = shape.dModel();
        long[] ids = new long[s.batch() * s.inputTokens()];
        long[] mask = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 2 + random.nextInt(vocab - 2);
            mask[i] = 1;
        }
        long[] labels = new long[s.batch() * s.targetTokens()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = 2 + random.nextInt(vocab - 2);
        }
        float[] prompt = new float[s.promptTokens() * d];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = (float) (random.nextGaussian() * 0.5);
        }
        long[] candidateIds = new long[s.candidates() * s.targetTokens()];
        for (int i = 0; i < candidateIds.length; i++) {
            candidateIds[i] = 2 + random.nextInt(vocab - 2);
        }
        long[] candidateMask = new long[candidateIds.length];
        Arrays.fill(candidateMask, 1L);
        TokenBatch candidates = new TokenBatch(s.candidates(), s.targetTokens(), candidateIds, candidateMask);

        int djlThreads = Integer.getInteger("ai.djl.pytorch.num_threads", -1);
        if (djlThreads != s.threads()) {
            throw new IllegalStateException("ai.djl.pytorch.num_threads is " + djlThreads + ", expected "
                    + s.threads() + ": set it before PyTorch starts so that both engines get the same threads");
        }
        double evalFlops = StepFlops.forward(shape, s.batch(), s.promptTokens() + s.inputTokens(), s.targetTokens());
        Timed djl;
        Timed ort;
        String djlEngine;
        String ortEngine = "OnnxRuntime " + Engine.getEngine("OnnxRuntime").getVersion();
        // the multiply rate on the model's own shapes, through PyTorch, sampled before every timed logits batch of
        // either engine: both efficiencies are measured against the same yardstick
        try (NDManager yardstick = Engine.getEngine(Devices.ENGINE).newBaseManager(Device.cpu());
                GemmRate rate = new GemmRate(yardstick, shape, s.batch() * (s.promptTokens() + s.inputTokens()),
                        GEMM_SAMPLE_FLOPS)) {
            try (T5Backbone backbone = T5Backbone.load(modelDir, Device.cpu())) {
                djlEngine = Devices.ENGINE + " " + Engine.getEngine(Devices.ENGINE).getVersion();
                try (NDManager params = backbone.newScope()) {
                    NDArray promptArray = params.create(prompt, new Shape(s.promptTokens(), d));
                    progress.accept("DJL " + djlEngine + ": " + s.warmupBatches() + " warm-up + " + s.timedBatches()
                            + " timed batches, twice (logits, rank classification), " + s.threads() + " threads");
                    djl = measure(rate, evalFlops, () -> {
                        try (NDManager scope = backbone.newScope()) {
                            return djlForward(backbone, scope, ids, mask, labels, promptArray);
                        }
                    }, () -> {
                        try (NDManager scope = backbone.newScope()) {
                            return backbone.scoreCandidates(scope.create(ids, new Shape(s.batch(), s.inputTokens())),
                                    scope.create(mask, new Shape(s.batch(), s.inputTokens())), promptArray, candidates);
                        }
                    });
                }
            }
            try (OnnxT5Backbone backbone = OnnxT5Backbone.load(modelDir, onnx, s.threads())) {
                progress.accept(ortEngine + ": " + s.warmupBatches() + " warm-up + " + s.timedBatches()
                        + " timed batches, twice, " + s.threads() + " intra-op threads, 1 inter-op");
                ort = measure(rate, evalFlops,
                        () -> backbone.logits(ids, mask, s.batch(), s.inputTokens(), prompt, s.promptTokens(), labels,
                                s.targetTokens()),
                        () -> backbone.scoreCandidates(ids, mask, s.batch(), s.inputTokens(), prompt, s.promptTokens(),
                                candidateIds, s.candidates(), s.targetTokens()));
            }
        }
        double logitDiff = 0;
        for (int i = 0; i < djl.logits().length; i++) {
            logitDiff = Math.max(logitDiff, Math.abs(djl.logits()[i] - ort.logits()[i]));
        }
        double scoreDiff = 0;
        for (int i = 0; i < s.batch(); i++) {
            for (int c = 0; c < s.candidates(); c++) {
                scoreDiff = Math.max(scoreDiff, Math.abs(djl.scores()[i][c] - ort.scores()[i][c]));
            }
        }
        double samples = (double) s.batch() * s.timedBatches();
        double[] gemm = DoubleStream.concat(Arrays.stream(djl.logitTimes().gemmSamples()),
                Arrays.stream(ort.logitTimes().gemmSamples())).toArray();
        return new OnnxVsDjlResult(name, s.threads(), s.batch(), s.promptTokens() + s.inputTokens(),
                s.targetTokens(), s.timedBatches(), djlEngine, ortEngine, samples / djl.logitSeconds(),
                samples / ort.logitSeconds(), logitDiff, s.candidates(), samples / djl.rankSeconds(),
                samples / ort.rankSeconds(), scoreDiff, exportSeconds, Spread.of(gemm),
                djl.logitTimes().efficiency(), ort.logitTimes().efficiency());
    }

    /** One engine's timings, and its outputs on the same batch for the agreement check. */
    private record Timed(Interleaved logitTimes, float[] logits, double rankSeconds, float[][] scores) {
        double logitSeconds() {
            return Arrays.stream(logitTimes.secondSamples()).sum();
        }
    }

    private Timed measure(GemmRate rate, double evalFlops, Supplier<float[]> logits, Supplier<float[][]> scores) {
        for (int i = 0; i < settings.warmupBatches(); i++) {
            logits.get();
        }
        Interleaved logitTimes = Interleaved.run(settings.timedBatches(), rate, logits::get, evalFlops);
        double rankSeconds = time(scores::get);
        return new Timed(logitTimes, logits.get(), rankSeconds, scores.get());
    }

    private float[] djlForward(T5Backbone backbone, NDManager scope, long[] ids, long[] mask, long[] labels,
            NDArray prompt) {
        OnnxBenchSettings s = settings;
        NDArray idArray = scope.create(ids, new Shape(s.batch(), s.inputTokens()));
        NDArray maskArray = scope.create(mask, new Shape(s.batch(), s.inputTokens()));
        NDArray labelArray = scope.create(labels, new Shape(s.batch(), s.targetTokens()));
        return backbone.logits(idArray, maskArray, prompt, labelArray, false).toFloatArray();
    }

    /** Runs the warm-up, then returns the seconds the timed batches took. */
    private double time(Runnable batch) {
        for (int i = 0; i < settings.warmupBatches(); i++) {
            batch.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < settings.timedBatches(); i++) {
            batch.run();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
