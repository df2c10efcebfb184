package dev.crosspt.checkpoint;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The shape and behaviour of a T5 model, as read from a Hugging Face {@code config.json}.
 *
 * <p>{@link #load(Path)} applies the same defaults and the same {@code feed_forward_proj} parsing as
 * transformers' {@code T5Config}, so a checkpoint means the same model here as in Python. Field names in
 * messages are the config.json (snake_case) names, since that is the file a user would fix. The canonical
 * constructor checks every value and throws {@link IllegalArgumentException} naming the field and the bad
 * value; {@link #load(Path)} turns that into a {@link CheckpointException} that also names the file.
 *
 * @param vocabSize {@code vocab_size}: rows of the shared embedding
 * @param dModel {@code d_model}: hidden size
 * @param dKv {@code d_kv}: size of one attention head
 * @param dFf {@code d_ff}: feed-forward inner size
 * @param numLayers {@code num_layers}: encoder blocks
 * @param numDecoderLayers {@code num_decoder_layers}: decoder blocks
 * @param numHeads {@code num_heads}: attention heads
 * @param relativeAttentionNumBuckets {@code relative_attention_num_buckets}: position-bias buckets
 * @param relativeAttentionMaxDistance {@code relative_attention_max_distance}: distance of the last bucket
 * @param dropoutRate {@code dropout_rate}, in [0, 1)
 * @param layerNormEpsilon {@code layer_norm_epsilon}, positive
 * @param denseActFn {@code dense_act_fn}: relu, gelu, gelu_new, silu or swish
 * @param gatedAct {@code is_gated_act}: whether the feed-forward is gated (two input projections)
 * @param tieWordEmbeddings {@code tie_word_embeddings}: whether the LM head is the shared embedding
 * @param scaleDecoderOutputs {@code scale_decoder_outputs}: whether decoder outputs are scaled by
 *     d_model^-0.5 before the LM head
 * @param decoderStartTokenId {@code decoder_start_token_id}
 * @param padTokenId {@code pad_token_id}
 * @param eosTokenId {@code eos_token_id}
 */
public record T5Config(int vocabSize, int dModel, int dKv, int dFf, int numLayers, int numDecoderLayers,
        int numHeads, int relativeAttentionNumBuckets, int relativeAttentionMaxDistance, double dropoutRate,
        double layerNormEpsilon, String denseActFn, boolean gatedAct, boolean tieWordEmbeddings,
        boolean scaleDecoderOutputs, int decoderStartTokenId, int padTokenId, int eosTokenId) {

    /** The activations crosspt implements; transformers knows more, but T5 checkpoints use only these. */
    private static final Set<String> ACTIVATIONS = Set.of("relu", "gelu", "gelu_new", "silu", "swish");

    /**
     * Creates a configuration, checking that every value describes a model crosspt can run.
     *
     * @param vocabSize {@code vocab_size}
     * @param dModel {@code d_model}
     * @param dKv {@code d_kv}
     * @param dFf {@code d_ff}
     * @param numLayers {@code num_layers}
     * @param numDecoderLayers {@code num_decoder_layers}
     * @param numHeads {@code num_heads}
     * @param relativeAttentionNumBuckets {@code relative_attention_num_buckets}
     * @param relativeAttentionMaxDistance {@code relative_attention_max_distance}
     * @param dropoutRate {@code dropout_rate}
     * @param layerNormEpsilon {@code layer_norm_epsilon}
     * @param denseActFn {@code dense_act_fn}
     * @param gatedAct {@code is_gated_act}
     * @param tieWordEmbeddings {@code tie_word_embeddings}
     * @param scaleDecoderOutputs {@code scale_decoder_outputs}
     * @param decoderStartTokenId {@code decoder_start_token_id}
     * @param padTokenId {@code pad_token_id}
     * @param eosTokenId {@code eos_token_id}
     * @throws IllegalArgumentException naming the config.json field and the bad value
     */
    public T5Config {
        positive("vocab_size", vocabSize);
        positive("d_model", dModel);
        positive("d_kv", dKv);
        positive("d_ff", dFf);
        positive("num_layers", numLayers);
        positive("num_decoder_layers", numDecoderLayers);
        positive("num_heads", numHeads);
        // The encoder halves the buckets per direction and needs at least one exact bucket per half.
        if (relativeAttentionNumBuckets < 4) {
            throw new IllegalArgumentException("relative_attention_num_buckets must be at least 4, got "
                    + relativeAttentionNumBuckets);
        }
        // The log-spaced buckets divide by log(max_distance / (buckets / 2)), which must be positive.
        if (relativeAttentionMaxDistance <= relativeAttentionNumBuckets / 2) {
            throw new IllegalArgumentException("relative_attention_max_distance must be greater than "
                    + "relative_attention_num_buckets / 2 (" + relativeAttentionNumBuckets / 2 + "), got "
                    + relativeAttentionMaxDistance);
        }
        if (!(dropoutRate >= 0 && dropoutRate < 1)) {
            throw new IllegalArgumentException("dropout_rate must be in [0, 1), got " + dropoutRate);
        }
        if (!(layerNormEpsilon > 0 && Double.isFinite(layerNormEpsilon))) {
            throw new IllegalArgumentException("layer_norm_epsilon must be positive, got " + layerNormEpsilon);
        }
        if (denseActFn == null || !ACTIVATIONS.contains(denseActFn)) {
            throw new IllegalArgumentException("dense_act_fn must be one of relu, gelu, gelu_new, silu, swish, "
                    + "got " + denseActFn);
        }
        // config.json cannot say it: transformers reads feed_forward_proj "gated-gelu" as gelu_new.
        if (gatedAct && denseActFn.equals("gelu")) {
            throw new IllegalArgumentException("is_gated_act with dense_act_fn gelu cannot be written as a "
                    + "feed_forward_proj ('gated-gelu' means gelu_new); use gelu_new");
        }
        tokenId("decoder_start_token_id", decoderStartTokenId, vocabSize);
        tokenId("pad_token_id", padTokenId, vocabSize);
        tokenId("eos_token_id", eosTokenId, vocabSize);
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    private static void tokenId(String field, int value, int vocabSize) {
        if (value < 0 || value >= vocabSize) {
            throw new IllegalArgumentException(field + " must be in [0, vocab_size " + vocabSize + "), got "
                    + value);
        }
    }

    /**
     * Returns the width of all heads together, the attention projections' output size.
     *
     * @return {@code num_heads * d_kv}
     */
    public int innerDim() {
        return numHeads * dKv;
    }

    /**
     * Reads a Hugging Face T5 {@code config.json}, with transformers' defaults for absent fields.
     *
     * @param configJson the file
     * @return the validated configuration
     * @throws CheckpointException if the file is missing or not JSON, a field has the wrong type or a bad
     *     value, or {@code model_type} is not t5; the message names the file and the field
     */
    public static T5Config load(Path configJson) {
        String text;
        try {
            text = Files.readString(configJson, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(configJson + ": no such file, expected a Hugging Face config.json", e);
        } catch (IOException e) {
            throw new CheckpointException(configJson + ": cannot read (" + e + ")", e);
        }
        // Lenient: Python's json module writes NaN and Infinity, which strict JSON rejects.
        var root = Json.parse(text, false, configJson.toString(), null);
        if (!root.isJsonObject()) {
            throw new CheckpointException(configJson + ": is " + Json.typeOf(root) + ", expected a JSON object");
        }
        ConfigFields f = new ConfigFields(configJson.toString(), root.getAsJsonObject());
        String modelType = f.string("model_type", "t5");
        if (!modelType.equals("t5")) {
            throw f.error("model_type is '" + modelType + "', expected 't5' (crosspt runs T5 models only)");
        }
        FeedForward ff = FeedForward.parse(f);
        int numLayers = f.integer("num_layers", 6);
        Integer numDecoderLayers = f.optInteger("num_decoder_layers");
        boolean tie = f.bool("tie_word_embeddings", true);
        int pad = f.integer("pad_token_id", 0);
        Integer start = f.optInteger("decoder_start_token_id");
        try {
            return new T5Config(f.integer("vocab_size", 32128), f.integer("d_model", 512), f.integer("d_kv", 64),
                    f.integer("d_ff", 2048), numLayers, numDecoderLayers == null ? numLayers : numDecoderLayers,
                    f.integer("num_heads", 8), f.integer("relative_attention_num_buckets", 32),
                    f.integer("relative_attention_max_distance", 128), f.number("dropout_rate", 0.1),
                    f.number("layer_norm_epsilon", 1e-6), ff.act(), ff.gated(), tie,
                    // Older configs predate the field; their models scale exactly when embeddings are tied.
                    f.bool("scale_decoder_outputs", tie), start == null ? pad : start, pad,
                    f.integer("eos_token_id", 1));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(configJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes this configuration as a transformers-compatible {@code config.json}, keys sorted as
     * transformers writes them, so {@code T5ForConditionalGeneration.from_pretrained} can load the directory.
     *
     * @return the JSON text, ending with a newline
     */
    public String toJson() {
        JsonObject o = new JsonObject();
        JsonArray arch = new JsonArray();
        arch.add("T5ForConditionalGeneration");
        o.add("architectures", arch);
        o.addProperty("d_ff", dFf);
        o.addProperty("d_kv", dKv);
        o.addProperty("d_model", dModel);
        o.addProperty("decoder_start_token_id", decoderStartTokenId);
        o.addProperty("dense_act_fn", denseActFn);
        o.addProperty("dropout_rate", dropoutRate);
        o.addProperty("eos_token_id", eosTokenId);
        o.addProperty("feed_forward_proj", FeedForward.format(denseActFn, gatedAct));
        o.addProperty("is_encoder_decoder", true);
        o.addProperty("is_gated_act", gatedAct);
        o.addProperty("layer_norm_epsilon", layerNormEpsilon);
        o.addProperty("model_type", "t5");
        o.addProperty("num_decoder_layers", numDecoderLayers);
        o.addProperty("num_heads", numHeads);
        o.addProperty("num_layers", numLayers);
        o.addProperty("pad_token_id", padTokenId);
        o.addProperty("relative_attention_max_distance", relativeAttentionMaxDistance);
        o.addProperty("relative_attention_num_buckets", relativeAttentionNumBuckets);
        o.addProperty("scale_decoder_outputs", scaleDecoderOutputs);
        o.addProperty("tie_word_embeddings", tieWordEmbeddings);
        o.addProperty("vocab_size", vocabSize);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
    }
}
