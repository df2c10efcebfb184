package dev.crosspt.djl.adapter;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.api.backbone.Decoding;
import dev.crosspt.api.backbone.InputFeature;
import dev.crosspt.checkpoint.WeightsFingerprint;
import dev.crosspt.djl.engine.Devices;
import dev.crosspt.djl.t5.T5Backbone;
import dev.crosspt.djl.t5.T5BeamSearch;
import dev.crosspt.t5.T5BackboneFacts;
import dev.crosspt.t5.T5Tokenizer;
import dev.crosspt.t5.TokenBatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The frozen T5 on DJL's PyTorch engine, behind the {@link BackboneAdapter} contract. */
public final class T5BackboneAdapter implements BackboneAdapter {

    private final T5Backbone backbone;
    private final BackboneOptions options;
    /** The checkpoint's {@link WeightsFingerprint}, computed on the first {@link #describe()}. */
    private String weights;

    /** Wraps a loaded backbone. */
    public T5BackboneAdapter(T5Backbone backbone, BackboneOptions options) {
        this.backbone = backbone;
        this.options = options;
    }

    /** The wrapped backbone, for tensor-level work. */
    public T5Backbone backbone() {
        return backbone;
    }

    @Override
    public synchronized Map<String, String> describe() {
        if (weights == null) {
            weights = WeightsFingerprint.of(backbone.directory());
        }
        return T5BackboneFacts.describe("t5", backbone.directory(), weights, backbone.config(),
                Devices.ENGINE + " " + Engine.getEngine(Devices.ENGINE).getVersion(), backbone.device().toString(),
                options);
    }

    @Override
    public int embeddingDim() {
        return backbone.config().dModel();
    }

    @Override
    public boolean supportsTraining() {
        return true;
    }

    @Override
    public void setRandomSeed(long seed) {
        Engine.getEngine(Devices.ENGINE).setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    @Override
    public NDManager newScope() {
        return backbone.newScope();
    }

    @Override
    public GradientCollector newGradientCollector() {
        return Engine.getEngine(Devices.ENGINE).newGradientCollector();
    }

    @Override
    public NDArray loss(NDManager scope, List<String> inputs, List<String> targets, NDArray prompts, boolean training) {
        TokenBatch in = backbone.tokenizer().encodeInputs(inputs, options.maxInputTokens());
        TokenBatch labels = backbone.tokenizer().encodeLabels(targets, options.maxTargetTokens());
        return backbone.loss(in.ids(scope), in.mask(scope), prompts, labels.ids(scope), training);
    }

    @Override
    public float[][] score(NDManager scope, List<String> inputs, NDArray prompts, List<String> candidates) {
        TokenBatch in = backbone.tokenizer().encodeInputs(inputs, options.maxInputTokens());
        TokenBatch labels = backbone.tokenizer().encodeLabels(candidates, options.maxTargetTokens());
        return backbone.scoreCandidates(in.ids(scope), in.mask(scope), prompts, labels);
    }

    @Override
    public List<String> generate(NDManager scope, List<String> inputs, NDArray prompts, int maxNewTokens) {
        T5Tokenizer tokenizer = backbone.tokenizer();
        TokenBatch in = tokenizer.encodeInputs(inputs, options.maxInputTokens());
        long[][] ids = backbone.greedy(in.ids(scope), in.mask(scope), prompts, maxNewTokens);
        List<String> out = new ArrayList<>();
        for (long[] row : ids) {
            out.add(tokenizer.decode(row).trim());
        }
        return out;
    }

    @Override
    public List<String> generate(NDManager scope, List<String> inputs, NDArray prompts, Decoding decoding) {
        if (decoding.isGreedy()) {
            return generate(scope, inputs, prompts, decoding.maxNewTokens());
        }
        T5Tokenizer tokenizer = backbone.tokenizer();
        TokenBatch in = tokenizer.encodeInputs(inputs, options.maxInputTokens());
        long[][] ids = T5BeamSearch.search(backbone, in.ids(scope), in.mask(scope), prompts, decoding);
        List<String> out = new ArrayList<>();
        for (long[] row : ids) {
            out.add(tokenizer.decode(row).trim());
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
        long[] ids = T5BackboneFacts.promptInitTokenIds(backbone.config().vocabSize(), count, seed,
                T5BackboneFacts.wordTokenIds(excludedWords, backbone.tokenizer()::encode));
        NDArray tokenIds = scope.create(ids, new Shape(1, count));
        return backbone.model().embed(tokenIds).reshape(count, embeddingDim()).toType(DataType.FLOAT32, false);
    }

    /** Both: the token embeddings, and the encoder's output without a prompt. */
    @Override
    public boolean offers(InputFeature feature) {
        return feature != null;
    }

    /** The token embeddings or the prompt-free encoder output (no dropout), averaged over the unpadded tokens. */
    @Override
    public NDArray inputFeatures(NDManager scope, List<String> inputs, InputFeature feature) {
        TokenBatch in = backbone.tokenizer().encodeInputs(inputs, options.maxInputTokens());
        NDArray ids = in.ids(scope);
        NDArray mask = in.mask(scope).toType(DataType.FLOAT32, false);
        NDArray states = feature == InputFeature.ENCODER ? backbone.encode(ids, in.mask(scope), null, false)
                : backbone.model().embed(ids);
        NDArray summed = states.toType(DataType.FLOAT32, false).mul(mask.expandDims(2)).sum(new int[] {1});
        // the backbone's weights are frozen, so nothing here records a gradient
        return summed.div(mask.sum(new int[] {1}, true));
    }

    @Override
    public void close() {
        backbone.close();
    }
}
