package dev.crosspt.onnx.adapter;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.api.backbone.Decoding;
import dev.crosspt.checkpoint.WeightsFingerprint;
import dev.crosspt.onnx.OnnxBeamSearch;
import dev.crosspt.onnx.OnnxT5Backbone;
import dev.crosspt.t5.T5BackboneFacts;
import dev.crosspt.t5.T5Tokenizer;
import dev.crosspt.t5.TokenBatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The frozen T5 exported to ONNX and run with ONNX Runtime, behind the {@link BackboneAdapter} contract. Inference
 * only: {@link #supportsTraining()} is false, so the trainer refuses it; loss, scoring and generation work with
 * prompts given as NDArrays of any engine (read with {@code toFloatArray()}).
 */
public final class OnnxBackboneAdapter implements BackboneAdapter {

    /** Why this backbone has no gradient collector. */
    public static final String CANNOT_TRAIN =
            "onnx backbone: ONNX Runtime cannot train; use the t5 backbone for training and onnx for evaluation";

    private static final String ENGINE = "OnnxRuntime";

    private final OnnxT5Backbone backbone;
    private final BackboneOptions options;
    /** The checkpoint's {@link WeightsFingerprint}, computed on the first {@link #describe()}. */
    private String weights;
    private T5Tokenizer tokenizer;

    /** Wraps a loaded backbone. */
    public OnnxBackboneAdapter(OnnxT5Backbone backbone, BackboneOptions options) {
        this.backbone = backbone;
        this.options = options;
    }

    /** The wrapped backbone, for array-level work. */
    public OnnxT5Backbone backbone() {
        return backbone;
    }

    @Override
    public synchronized Map<String, String> describe() {
        if (weights == null) {
            weights = WeightsFingerprint.of(backbone.directory());
        }
        return T5BackboneFacts.describe("onnx", backbone.directory(), weights, backbone.config(),
                ENGINE + " " + Engine.getEngine(ENGINE).getVersion(), "cpu", options);
    }

    @Override
    public int embeddingDim() {
        return backbone.config().dModel();
    }

    @Override
    public boolean supportsTraining() {
        return false;
    }

    @Override
    public void setRandomSeed(long seed) {
        // evaluation only: no dropout, no sampling
    }

    @Override
    public NDManager newScope() {
        return Engine.getEngine(ENGINE).newBaseManager();
    }

    @Override
    public GradientCollector newGradientCollector() {
        throw new UnsupportedOperationException(CANNOT_TRAIN);
    }

    @Override
    public NDArray loss(NDManager scope, List<String> inputs, List<String> targets, NDArray prompts, boolean training) {
        TokenBatch in = tokenizer().encodeInputs(inputs, options.maxInputTokens());
        TokenBatch labels = tokenizer().encodeLabels(targets, options.maxTargetTokens());
        Prompt p = Prompt.of(prompts);
        float loss = backbone.loss(in.ids(), in.mask(), in.batch(), in.length(), p.values, p.length, labels.ids(),
                labels.length());
        return scope.create(loss);
    }

    @Override
    public float[][] score(NDManager scope, List<String> inputs, NDArray prompts, List<String> candidates) {
        TokenBatch in = tokenizer().encodeInputs(inputs, options.maxInputTokens());
        TokenBatch labels = tokenizer().encodeLabels(candidates, options.maxTargetTokens());
        Prompt p = Prompt.of(prompts);
        return backbone.scoreCandidates(in.ids(), in.mask(), in.batch(), in.length(), p.values, p.length, labels.ids(),
                labels.batch(), labels.length());
    }

    @Override
    public List<String> generate(NDManager scope, List<String> inputs, NDArray prompts, int maxNewTokens) {
        TokenBatch in = tokenizer().encodeInputs(inputs, options.maxInputTokens());
        Prompt p = Prompt.of(prompts);
        long[][] ids = backbone.greedy(in.ids(), in.mask(), in.batch(), in.length(), p.values, p.length, maxNewTokens);
        T5Tokenizer t = tokenizer();
        List<String> out = new ArrayList<>();
        for (long[] row : ids) {
            out.add(t.decode(row).trim());
        }
        return out;
    }

    @Override
    public List<String> generate(NDManager scope, List<String> inputs, NDArray prompts, Decoding decoding) {
        if (decoding.isGreedy()) {
            return generate(scope, inputs, prompts, decoding.maxNewTokens());
        }
        TokenBatch in = tokenizer().encodeInputs(inputs, options.maxInputTokens());
        Prompt p = Prompt.of(prompts);
        long[][] ids = OnnxBeamSearch.search(backbone, in.ids(), in.mask(), in.batch(), in.length(), p.values,
                p.length, decoding);
        T5Tokenizer t = tokenizer();
        List<String> out = new ArrayList<>();
        for (long[] row : ids) {
            out.add(t.decode(row).trim());
        }
        return out;
    }

    @Override
    public NDArray sampleTokenEmbeddings(NDManager scope, int count, long seed) {
        return sampleTokenEmbeddings(scope, count, seed, List.of());
    }

    /** Leaves out every token id the tokenizer gives the words on their own. */
    @Override
    public NDArray sampleTokenEmbeddings(NDManager scope, int count, long seed, Collection<String> excludedWords) {
        int d = embeddingDim();
        float[] out = new float[count * d];
        long[] ids = T5BackboneFacts.promptInitTokenIds(backbone.config().vocabSize(), count, seed,
                T5BackboneFacts.wordTokenIds(excludedWords, tokenizer()::encode));
        for (int i = 0; i < count; i++) {
            System.arraycopy(backbone.embeddingRow(ids[i]), 0, out, i * d, d);
        }
        return scope.create(out, new Shape(count, d));
    }

    @Override
    public synchronized void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
        backbone.close();
    }

    /** A prompt read out of its NDArray: {@code [P, d]} or {@code [B, P, d]} values and P. */
    private record Prompt(float[] values, int length) {
        static Prompt of(NDArray prompts) {
            if (prompts == null) {
                return new Prompt(null, 0);
            }
            Shape shape = prompts.getShape();
            if (shape.dimension() != 2 && shape.dimension() != 3) {
                throw new IllegalArgumentException("prompts must be [P, d] or [B, P, d], got " + shape);
            }
            return new Prompt(prompts.toFloatArray(), Math.toIntExact(shape.get(shape.dimension() - 2)));
        }
    }

    /** The checkpoint's tokenizer, shared with the DJL engine, read on first use. */
    private synchronized T5Tokenizer tokenizer() {
        if (tokenizer == null) {
            tokenizer = T5Tokenizer.load(backbone.directory(), backbone.config().padTokenId(), backbone.config().eosTokenId());
        }
        return tokenizer;
    }
}
