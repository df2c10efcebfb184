package dev.crosspt.djl.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.checkpoint.CheckpointException;
import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.SafetensorsWriter;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.checkpoint.TensorInfo;
import dev.crosspt.checkpoint.TensorStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The weights of a T5 checkpoint, loaded from Hugging Face tensor names and checked against the config.
 *
 * <p>Weights are created once in the model's manager. They are frozen (no gradient) unless a caller makes them
 * trainable, which only the demo model's generator does. See {@link WeightLeaf} for the layout.
 */
final class T5Weights {

    final NDArray embeddings;
    final NDArray lmHead;
    final NDArray encoderPositionBias;
    final NDArray decoderPositionBias;
    final List<EncoderLayerWeights> encoder = new ArrayList<>();
    final List<DecoderLayerWeights> decoder = new ArrayList<>();
    final NDArray encoderFinalNorm;
    final NDArray decoderFinalNorm;
    final boolean separateLmHead;
    /** Every array, with the tensors it came from, in checkpoint order. */
    final List<WeightLeaf> leaves = new ArrayList<>();

    private final TensorStore store;
    private final T5Config config;
    private final NDManager manager;

    private T5Weights(TensorStore store, T5Config config, NDManager manager) {
        this.store = store;
        this.config = config;
        this.manager = manager;
        int d = config.dModel();
        embeddings = plain("shared.weight", config.vocabSize(), d);
        separateLmHead = store.has("lm_head.weight");
        if (separateLmHead) {
            lmHead = plain("lm_head.weight", config.vocabSize(), d);
        } else if (!config.tieWordEmbeddings()) {
            throw missing("lm_head.weight", "tie_word_embeddings is false, so a separate lm_head is required");
        } else {
            lmHead = embeddings;
        }
        int buckets = config.relativeAttentionNumBuckets();
        int heads = config.numHeads();
        encoderPositionBias =
                plain("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", buckets, heads);
        decoderPositionBias =
                plain("decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", buckets, heads);
        for (int i = 0; i < config.numLayers(); i++) {
            String p = "encoder.block." + i + ".layer.";
            encoder.add(new EncoderLayerWeights(
                    norm(p + "0.layer_norm.weight"),
                    selfAttention(p + "0.SelfAttention."),
                    norm(p + "1.layer_norm.weight"),
                    feedForward(p + "1.DenseReluDense.")));
        }
        for (int i = 0; i < config.numDecoderLayers(); i++) {
            String p = "decoder.block." + i + ".layer.";
            decoder.add(new DecoderLayerWeights(
                    norm(p + "0.layer_norm.weight"),
                    selfAttention(p + "0.SelfAttention."),
                    norm(p + "1.layer_norm.weight"),
                    crossAttention(p + "1.EncDecAttention."),
                    norm(p + "2.layer_norm.weight"),
                    feedForward(p + "2.DenseReluDense.")));
        }
        encoderFinalNorm = norm("encoder.final_layer_norm.weight");
        decoderFinalNorm = norm("decoder.final_layer_norm.weight");
    }

    /**
     * Loads every tensor a T5 of this config needs.
     *
     * @throws CheckpointException when a tensor is missing or has the wrong shape; the message names the file
     */
    static T5Weights load(TensorStore store, T5Config config, NDManager manager) {
        return new T5Weights(store, config, manager);
    }

    /** Makes every weight trainable (or frozen again). */
    void setTrainable(boolean trainable) {
        for (WeightLeaf leaf : leaves) {
            leaf.array().setRequiresGradient(trainable);
        }
        encoder.forEach(layer -> layer.feedForward().forgetScaled());
        decoder.forEach(layer -> layer.feedForward().forgetScaled());
    }

    /**
     * Writes the weights back as a Hugging Face {@code model.safetensors} (transformers' names and layout).
     */
    void save(Path file) {
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
        for (WeightLeaf leaf : leaves) {
            float[] values = leaf.array().toFloatArray();
            long[] shape = leaf.array().getShape().getShape();
            if (!leaf.linear()) {
                writer.putFloats(leaf.parts().get(0), shape, values, DType.F32);
                continue;
            }
            int in = (int) shape[0];
            int count = leaf.parts().size();
            int out = (int) shape[1] / count;
            for (int p = 0; p < count; p++) {
                writer.putFloats(leaf.parts().get(p), new long[] {out, in},
                        WeightLeaf.extractPart(values, p, count, out, in), DType.F32);
            }
        }
        writer.write(file);
    }

    private NDArray norm(String name) {
        return plain(name, config.dModel());
    }

    private AttentionWeights selfAttention(String prefix) {
        int inner = config.innerDim();
        int d = config.dModel();
        NDArray fused = linear(inner, d, prefix + "q.weight", prefix + "k.weight", prefix + "v.weight");
        return new AttentionWeights(null, null, fused, linear(d, inner, prefix + "o.weight"));
    }

    private AttentionWeights crossAttention(String prefix) {
        int inner = config.innerDim();
        int d = config.dModel();
        NDArray query = linear(inner, d, prefix + "q.weight");
        NDArray keyValue = linear(inner, d, prefix + "k.weight", prefix + "v.weight");
        return new AttentionWeights(query, keyValue, null, linear(d, inner, prefix + "o.weight"));
    }

    private FeedForwardWeights feedForward(String prefix) {
        int d = config.dModel();
        int ff = config.dFf();
        NDArray input = config.gatedAct()
                ? linear(ff, d, prefix + "wi_0.weight", prefix + "wi_1.weight")
                : linear(ff, d, prefix + "wi.weight");
        return new FeedForwardWeights(input, linear(d, ff, prefix + "wo.weight"));
    }

    /** A weight in transformers' layout. */
    private NDArray plain(String name, long... shape) {
        NDArray array = manager.create(read(name, shape), new Shape(shape));
        leaves.add(new WeightLeaf(array, List.of(name), false));
        return array;
    }

    /** Linear weights {@code [out, in]} stored transposed and side by side as {@code [in, parts * out]}. */
    private NDArray linear(int out, int in, String... names) {
        List<float[]> parts = new ArrayList<>();
        for (String name : names) {
            parts.add(read(name, out, in));
        }
        float[] combined = WeightLeaf.transposeConcat(parts, out, in);
        NDArray array = manager.create(combined, new Shape(in, (long) names.length * out));
        leaves.add(new WeightLeaf(array, List.of(names), true));
        return array;
    }

    private float[] read(String name, long... expected) {
        if (!store.has(name)) {
            throw missing(name, "expected shape " + Arrays.toString(expected));
        }
        TensorInfo info = store.info(name);
        if (!Arrays.equals(info.shape(), expected)) {
            throw new CheckpointException(store.fileOf(name) + ": tensor '" + name + "' has shape "
                    + info.shapeString() + ", expected " + Arrays.toString(expected) + " for " + describe());
        }
        return store.readFloats(name);
    }

    private CheckpointException missing(String name, String why) {
        String where = store.names().isEmpty() ? "checkpoint" : store.fileOf(store.names().iterator().next()).toString();
        return new CheckpointException(where + ": no tensor '" + name + "' (" + why + ", for " + describe() + ")");
    }

    private String describe() {
        return "a T5 with d_model=" + config.dModel() + ", num_heads=" + config.numHeads() + ", d_kv=" + config.dKv()
                + ", d_ff=" + config.dFf() + ", vocab_size=" + config.vocabSize()
                + (config.gatedAct() ? ", gated " : ", ") + config.denseActFn();
    }
}
