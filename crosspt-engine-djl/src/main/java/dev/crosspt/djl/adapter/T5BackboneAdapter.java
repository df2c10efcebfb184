package dev.crosspt.djl.adapter;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.djl.engine.Devices;
import dev.crosspt.djl.t5.T5Backbone;
import dev.crosspt.t5.T5Tokenizer;
import dev.crosspt.t5.TokenBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The frozen T5 on DJL's PyTorch engine, behind the {@link BackboneAdapter} contract. */
public final class T5BackboneAdapter implements BackboneAdapter {

    /** Prompts are initialised from the embeddings of the first tokens of the vocabulary, the most frequent. */
    private static final int INIT_VOCABULARY = 5000;

    private final T5Backbone backbone;
    private final BackboneOptions options;

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
    public Map<String, String> describe() {
        T5Config c = backbone.config();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("backbone", "t5");
        out.put("model", backbone.directory().toString());
        out.put("shape", "d_model " + c.dModel() + ", " + c.numLayers() + "+" + c.numDecoderLayers() + " layers, "
                + c.numHeads() + " heads, d_ff " + c.dFf() + ", vocab " + c.vocabSize()
                + (c.gatedAct() ? ", gated " : ", ") + c.denseActFn());
        out.put("engine", Devices.ENGINE + " " + Engine.getEngine(Devices.ENGINE).getVersion());
        out.put("device", backbone.device().toString());
        out.put("max_input_tokens", Integer.toString(options.maxInputTokens()));
        out.put("max_target_tokens", Integer.toString(options.maxTargetTokens()));
        return out;
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
    public NDArray sampleTokenEmbeddings(NDManager scope, int count, long seed) {
        int vocab = backbone.config().vocabSize();
        int limit = Math.min(vocab, INIT_VOCABULARY);
        // skip pad, eos and unk (ids 0-2 in T5 vocabularies)
        int first = Math.min(3, limit - 1);
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = first + random.nextInt(limit - first);
        }
        NDArray tokenIds = scope.create(ids, new Shape(1, count));
        return backbone.model().embed(tokenIds).reshape(count, embeddingDim()).toType(DataType.FLOAT32, false);
    }

    @Override
    public void close() {
        backbone.close();
    }
}
