package dev.crosspt.djl.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import dev.crosspt.api.NDScopes;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.t5.RelativePositionBuckets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A frozen T5 encoder-decoder computed exactly as transformers' {@code T5ForConditionalGeneration}.
 *
 * <p>All methods take and return {@link NDArray}s; results attach to the manager of the activations passed
 * in, so a caller that runs each step inside its own sub-manager frees every temporary when the step ends.
 * Backbone weights never require gradients; gradients reach whatever input embeddings (soft prompts) the
 * caller marked with {@code setRequiresGradient(true)}.
 */
public final class T5Model {

    private final T5Config config;
    private final T5Weights weights;
    private final PositionBiases positionBiases;
    private final float eps;
    private final float dropoutRate;

    T5Model(T5Config config, T5Weights weights) {
        this.config = config;
        this.weights = weights;
        RelativePositionBuckets buckets =
                new RelativePositionBuckets(config.relativeAttentionNumBuckets(), config.relativeAttentionMaxDistance());
        this.positionBiases = new PositionBiases(buckets, config.numHeads());
        this.eps = (float) config.layerNormEpsilon();
        this.dropoutRate = (float) config.dropoutRate();
    }

    /** The configuration this model was built from. */
    public T5Config config() {
        return config;
    }

    /** The frozen weights, for tests in this package that check they never require gradients. */
    T5Weights weights() {
        return weights;
    }

    /**
     * Makes every backbone weight trainable, or frozen again. Prompt tuning never does this; it exists for
     * generating small models (the demo's), where the whole model is trained once and then frozen.
     */
    public void setTrainable(boolean trainable) {
        weights.setTrainable(trainable);
        positionBiases.clear();
    }

    /** Every weight array, for an optimizer when the model is trainable. */
    public List<NDArray> weightArrays() {
        return weights.leaves.stream().map(WeightLeaf::array).toList();
    }

    /**
     * Writes the model in the Hugging Face layout: {@code config.json} and {@code model.safetensors}, atomically
     * each. The tokenizer is the caller's to copy.
     */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("config.json.tmp");
            Files.writeString(tmp, config.toJson());
            Files.move(tmp, dir.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("config.json"), e);
        }
        weights.save(dir.resolve("model.safetensors"));
    }

    /** True when the checkpoint had its own {@code lm_head.weight} rather than reusing the embeddings. */
    public boolean hasSeparateLmHead() {
        return weights.separateLmHead;
    }

    /**
     * Looks up token embeddings (no scaling, as T5 does).
     *
     * @param ids {@code [B, T]} int64 token ids
     * @return {@code [B, T, d_model]}
     */
    public NDArray embed(NDArray ids) {
        return ids.getNDArrayInternal().embedding(ids, weights.embeddings, SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * Runs the encoder on input embeddings (prompt embeddings already prepended by the caller).
     *
     * @param inputEmbeds {@code [B, S, d_model]}
     * @param mask {@code [B, S]} 1 for real positions, 0 for padding
     * @param training whether dropout is active
     * @return {@code [B, S, d_model]} after the final layer norm
     */
    public NDArray encode(NDArray inputEmbeds, NDArray mask, boolean training) {
        int length = Math.toIntExact(inputEmbeds.getShape().get(1));
        NDArray bias = T5Layers.maskBias(mask).add(
                positionBiases.get(weights.encoderPositionBias, inputEmbeds.getManager(), length, length, true, false));
        NDArray h = T5Layers.dropout(inputEmbeds, dropoutRate, training);
        for (EncoderLayerWeights layer : weights.encoder) {
            NDArray normed = T5Layers.rmsNorm(h, layer.selfAttentionNorm(), eps);
            NDArray attended = T5Layers.attention(
                    normed, null, layer.selfAttention(), bias, config.numHeads(), config.dKv(), dropoutRate, training);
            h = h.add(T5Layers.dropout(attended, dropoutRate, training));
            NDArray fed = T5Layers.feedForward(T5Layers.rmsNorm(h, layer.feedForwardNorm(), eps),
                    layer.feedForward(), config.denseActFn(), config.gatedAct(), dropoutRate, training);
            h = h.add(T5Layers.dropout(fed, dropoutRate, training));
        }
        return T5Layers.dropout(T5Layers.rmsNorm(h, weights.encoderFinalNorm, eps), dropoutRate, training);
    }

    /**
     * Runs the decoder with teacher forcing and returns vocabulary logits.
     *
     * @param decoderIds {@code [B, L]} int64 decoder input ids (labels shifted right)
     * @param encoderHidden {@code [B, S, d_model]} from {@link #encode}
     * @param encoderMask {@code [B, S]} the mask that was given to the encoder
     * @param training whether dropout is active
     * @return {@code [B, L, vocab_size]}
     */
    public NDArray decodeLogits(NDArray decoderIds, NDArray encoderHidden, NDArray encoderMask, boolean training) {
        NDManager scope = decoderIds.getManager();
        int length = Math.toIntExact(decoderIds.getShape().get(1));
        NDArray selfBias = positionBiases.get(weights.decoderPositionBias, scope, length, length, false, true);
        NDArray crossBias = T5Layers.maskBias(encoderMask);
        NDArray h = T5Layers.dropout(embed(decoderIds), dropoutRate, training);
        for (DecoderLayerWeights layer : weights.decoder) {
            NDArray attended = T5Layers.attention(T5Layers.rmsNorm(h, layer.selfAttentionNorm(), eps), null,
                    layer.selfAttention(), selfBias, config.numHeads(), config.dKv(), dropoutRate, training);
            h = h.add(T5Layers.dropout(attended, dropoutRate, training));
            NDArray crossed = T5Layers.attention(T5Layers.rmsNorm(h, layer.crossAttentionNorm(), eps), encoderHidden,
                    layer.crossAttention(), crossBias, config.numHeads(), config.dKv(), dropoutRate, training);
            h = h.add(T5Layers.dropout(crossed, dropoutRate, training));
            NDArray fed = T5Layers.feedForward(T5Layers.rmsNorm(h, layer.feedForwardNorm(), eps),
                    layer.feedForward(), config.denseActFn(), config.gatedAct(), dropoutRate, training);
            h = h.add(T5Layers.dropout(fed, dropoutRate, training));
        }
        h = T5Layers.dropout(T5Layers.rmsNorm(h, weights.decoderFinalNorm, eps), dropoutRate, training);
        if (config.scaleDecoderOutputs()) {
            h = h.mul(NDScopes.scalar(h, Math.pow(config.dModel(), -0.5)));
        }
        // transposed view made per call and owned by the step, so gradients reach the head when it is trainable
        NDArray head = weights.lmHead.transpose();
        head.attach(scope);
        return h.matMul(head);
    }

    /**
     * Labels shifted right into decoder inputs: the start token first, -100 replaced by the pad id.
     *
     * @param labels {@code [B, L]} int64 target ids, -100 where ignored
     * @return {@code [B, L]} int64
     */
    public NDArray shiftRight(NDArray labels) {
        long batch = labels.getShape().get(0);
        long length = labels.getShape().get(1);
        NDArray start = labels.getManager().full(new Shape(batch, 1), (long) config.decoderStartTokenId(), DataType.INT64);
        NDArray shifted = start.concat(labels.get(":, :{}", length - 1), 1);
        NDArray ignored = shifted.lt(0L).toType(DataType.INT64, false);
        return shifted.mul(ignored.neg().add(1L)).add(ignored.mul((long) config.padTokenId()));
    }

    /**
     * Mean cross-entropy over the labels that are not -100, as transformers computes the loss.
     *
     * @param logits {@code [B, L, vocab_size]}
     * @param labels {@code [B, L]} int64
     * @return a scalar
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray count = labels.gte(0L).toType(DataType.FLOAT32, false).sum();
        return targetLogProbs(logits, labels).sum().neg().div(count);
    }

    /**
     * Per-sequence sum of target log-probabilities (labels of -100 contribute nothing): the score that rank
     * classification compares across candidate label strings.
     *
     * @return {@code [B]}
     */
    public static NDArray sequenceLogLikelihood(NDArray logits, NDArray labels) {
        return targetLogProbs(logits, labels).sum(new int[] {1});
    }

    /** {@code [B, L]} log-probability of each target token, 0 where the label is -100. */
    private static NDArray targetLogProbs(NDArray logits, NDArray labels) {
        NDArray picked = logits.logSoftmax(-1).gather(labels.maximum(0L).expandDims(-1), -1).squeeze(-1);
        return picked.mul(labels.gte(0L).toType(DataType.FLOAT32, false));
    }
}
