package dev.crosspt.djl.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.checkpoint.CheckpointException;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.checkpoint.TensorInfo;
import dev.crosspt.checkpoint.TensorStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The frozen weights of a T5 checkpoint, loaded from Hugging Face tensor names and checked against the config.
 *
 * <p>Weights are created once in the model's manager and never require gradients. Linear weights are stored
 * as transformers stores them ({@code [out, in]}) and exposed transposed for {@code x.matMul(w)}; projections
 * that always run together (q, k, v; wi_0, wi_1) are concatenated so that one matrix multiply serves them.
 */
final class T5Weights {

    final NDArray embeddings;
    final NDArray lmHead;
    final NDArray encoderPositionBias;
    final NDArray decoderPositionBias;
    final List<EncoderLayerWeights> encoder;
    final List<DecoderLayerWeights> decoder;
    final NDArray encoderFinalNorm;
    final NDArray decoderFinalNorm;
    final boolean separateLmHead;

    private final TensorStore store;
    private final T5Config config;
    private final NDManager manager;

    private T5Weights(TensorStore store, T5Config config, NDManager manager) {
        this.store = store;
        this.config = config;
        this.manager = manager;
        int d = config.dModel();
        embeddings = tensor("shared.weight", config.vocabSize(), d);
        separateLmHead = store.has("lm_head.weight");
        if (separateLmHead) {
            lmHead = tensor("lm_head.weight", config.vocabSize(), d).transpose();
        } else if (!config.tieWordEmbeddings()) {
            throw missing("lm_head.weight", "tie_word_embeddings is false, so a separate lm_head is required");
        } else {
            lmHead = embeddings.transpose();
        }
        int buckets = config.relativeAttentionNumBuckets();
        int heads = config.numHeads();
        encoderPositionBias =
                tensor("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", buckets, heads);
        decoderPositionBias =
                tensor("decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", buckets, heads);
        encoder = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            String p = "encoder.block." + i + ".layer.";
            encoder.add(new EncoderLayerWeights(
                    norm(p + "0.layer_norm.weight"),
                    selfAttention(p + "0.SelfAttention."),
                    norm(p + "1.layer_norm.weight"),
                    feedForward(p + "1.DenseReluDense.")));
        }
        decoder = new ArrayList<>();
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

    private NDArray norm(String name) {
        return tensor(name, config.dModel());
    }

    private AttentionWeights selfAttention(String prefix) {
        int inner = config.innerDim();
        int d = config.dModel();
        float[] qkv = concat(
                read(prefix + "q.weight", inner, d), read(prefix + "k.weight", inner, d), read(prefix + "v.weight", inner, d));
        NDArray fused = manager.create(qkv, new Shape(3L * inner, d)).transpose();
        return new AttentionWeights(null, null, fused, tensor(prefix + "o.weight", d, inner).transpose());
    }

    private AttentionWeights crossAttention(String prefix) {
        int inner = config.innerDim();
        int d = config.dModel();
        NDArray query = tensor(prefix + "q.weight", inner, d).transpose();
        float[] kv = concat(read(prefix + "k.weight", inner, d), read(prefix + "v.weight", inner, d));
        NDArray keyValue = manager.create(kv, new Shape(2L * inner, d)).transpose();
        return new AttentionWeights(query, keyValue, null, tensor(prefix + "o.weight", d, inner).transpose());
    }

    private FeedForwardWeights feedForward(String prefix) {
        int d = config.dModel();
        int ff = config.dFf();
        NDArray input;
        if (config.gatedAct()) {
            float[] both = concat(read(prefix + "wi_0.weight", ff, d), read(prefix + "wi_1.weight", ff, d));
            input = manager.create(both, new Shape(2L * ff, d)).transpose();
        } else {
            input = tensor(prefix + "wi.weight", ff, d).transpose();
        }
        return new FeedForwardWeights(input, tensor(prefix + "wo.weight", d, ff).transpose());
    }

    private NDArray tensor(String name, long... shape) {
        return manager.create(read(name, shape), new Shape(shape));
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

    private static float[] concat(float[]... parts) {
        int total = 0;
        for (float[] part : parts) {
            total += part.length;
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
