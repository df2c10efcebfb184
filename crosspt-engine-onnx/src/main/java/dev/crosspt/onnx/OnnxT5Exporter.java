package dev.crosspt.onnx;

import dev.crosspt.checkpoint.CheckpointException;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.checkpoint.TensorInfo;
import dev.crosspt.checkpoint.TensorStore;
import dev.crosspt.onnx.proto.AttributeProto;
import dev.crosspt.onnx.proto.GraphBuilder;
import dev.crosspt.onnx.proto.TensorProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a Hugging Face T5 checkpoint as one ONNX graph ({@code t5.onnx}, opset 17, weights as float32
 * initializers) that computes the encoder and the teacher-forced decoder exactly as transformers does.
 *
 * <p>Graph inputs:
 * <ul>
 *   <li>{@code inputs_embeds [B,S,d]} float: token embeddings, soft prompt rows already prepended (Java looks
 *       them up in {@code shared.weight}, so prompts never need a re-export);</li>
 *   <li>{@code attention_mask [B,S]} int64: 1/0; the graph turns it into the additive padding bias used by
 *       encoder self-attention and decoder cross-attention;</li>
 *   <li>{@code decoder_input_ids [B,L]} int64: labels shifted right (Java does the shift);</li>
 *   <li>{@code encoder_buckets [S,S]}, {@code decoder_buckets [L,L]} int64: relative-position bucket ids,
 *       computed in Java by {@link dev.crosspt.t5.RelativePositionBuckets} (integer work that depends only on lengths); the graph
 *       gathers the bias tables (initializers) with them;</li>
 *   <li>{@code decoder_causal_mask [L,L]} float: 0 on and below the diagonal, {@code -Float.MAX_VALUE} above,
 *       made in Java.</li>
 * </ul>
 * Outputs: {@code encoder_hidden [B,S,d]} (after the final layer norm) and {@code logits [B,L,V]}.
 *
 * <p>Supported: relu, gelu, gelu_new, silu feed-forwards, gated or not; tied or separate {@code lm_head};
 * {@code scale_decoder_outputs}. The tied head is the embedding table transposed by a graph node, so the table is
 * stored once.
 */
public final class OnnxT5Exporter {

    /** The file name the exporter writes in its output directory. */
    public static final String FILE_NAME = "t5.onnx";

    /** The file name {@link #exportWithPrompt} writes in its output directory. */
    public static final String PROMPTED_FILE_NAME = "t5-prompted.onnx";

    /** The additive value that hides a key, {@code torch.finfo(float32).min} as transformers uses. */
    static final float MASKED = -Float.MAX_VALUE;

    private final T5Config config;
    private final TensorStore store;
    private final GraphBuilder g = new GraphBuilder();

    private OnnxT5Exporter(T5Config config, TensorStore store) {
        this.config = config;
        this.store = store;
    }

    /**
     * Exports the checkpoint in {@code modelDir} ({@code config.json} and safetensors weights).
     *
     * @param modelDir the Hugging Face model directory
     * @param outDir where {@value #FILE_NAME} is written
     * @return the written file
     * @throws CheckpointException when the config is invalid or a tensor is missing or mis-shaped (named)
     */
    public static Path export(Path modelDir, Path outDir) {
        T5Config config = T5Config.load(modelDir.resolve("config.json"));
        try (TensorStore store = TensorStore.open(modelDir)) {
            Path file = outDir.resolve(FILE_NAME);
            new OnnxT5Exporter(config, store).buildGraph().write(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + outDir.resolve(FILE_NAME), e);
        }
    }

    /**
     * Exports the checkpoint with one soft prompt baked in as {@value #PROMPTED_FILE_NAME}: the same graph as
     * {@link #export}, except that its first inputs are the tokens rather than their embeddings.
     *
     * <p>Graph inputs of the prompted graph ({@code P} the prompt length, {@code T} the token count):
     * <ul>
     *   <li>{@code input_ids [B,T]} int64: the tokens only; the graph gathers their rows of {@code shared.weight}
     *       and concatenates the prompt (an initializer {@code [P,d]}, expanded over the batch) in front;</li>
     *   <li>{@code attention_mask [B,T]} int64: for the tokens only; the graph prepends {@code P} ones;</li>
     *   <li>{@code decoder_input_ids [B,L]}, {@code decoder_buckets [L,L]}, {@code decoder_causal_mask [L,L]}:
     *       as in {@link #export};</li>
     *   <li>{@code encoder_buckets [P+T,P+T]} int64: bucket ids for the FULL encoder length, prompt included
     *       (as {@link OnnxT5Session#runPrompted} makes them).</li>
     * </ul>
     * Outputs as {@link #export}: {@code encoder_hidden [B,P+T,d]} (prompt positions included) and
     * {@code logits [B,L,V]}.
     *
     * @param prompt the prompt, row-major {@code [P, d_model]}
     * @param promptLength {@code P}, at least 1
     * @return the written file
     * @throws IllegalArgumentException when {@code prompt} is not {@code [promptLength, d_model]}
     */
    public static Path exportWithPrompt(Path modelDir, float[] prompt, int promptLength, Path outDir) {
        T5Config config = T5Config.load(modelDir.resolve("config.json"));
        if (promptLength < 1 || prompt == null || prompt.length != (long) promptLength * config.dModel()) {
            throw new IllegalArgumentException("prompt of " + (prompt == null ? 0 : prompt.length)
                    + " floats is not [" + promptLength + ", " + config.dModel() + "] (prompt length at least 1)");
        }
        try (TensorStore store = TensorStore.open(modelDir)) {
            Path file = outDir.resolve(PROMPTED_FILE_NAME);
            new OnnxT5Exporter(config, store).buildGraph(prompt, promptLength).write(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + outDir.resolve(PROMPTED_FILE_NAME), e);
        }
    }

    private dev.crosspt.onnx.proto.ModelProto buildGraph() {
        return buildGraph(null, 0);
    }

    private dev.crosspt.onnx.proto.ModelProto buildGraph(float[] prompt, int promptLength) {
        int d = config.dModel();
        int heads = config.numHeads();
        int buckets = config.relativeAttentionNumBuckets();
        String embeds;
        String mask;
        String tokenIds = null;
        String tokenMask = null;
        if (prompt == null) {
            embeds = g.input("inputs_embeds", TensorProto.FLOAT, "batch", "source", (long) d);
            mask = g.input("attention_mask", TensorProto.INT64, "batch", "source");
        } else {
            tokenIds = g.input("input_ids", TensorProto.INT64, "batch", "tokens");
            tokenMask = g.input("attention_mask", TensorProto.INT64, "batch", "tokens");
            embeds = null;
            mask = null;
        }
        String decoderIds = g.input("decoder_input_ids", TensorProto.INT64, "batch", "target");
        String encBuckets = g.input("encoder_buckets", TensorProto.INT64, "source", "source");
        String decBuckets = g.input("decoder_buckets", TensorProto.INT64, "target", "target");
        String causal = g.input("decoder_causal_mask", TensorProto.FLOAT, "target", "target");

        String shared = weight("shared.weight", config.vocabSize(), d);
        if (prompt != null) {
            // [B] from the ids' shape (opset 15+ Shape start/end)
            String batchDim = g.op("Shape", java.util.List.of(AttributeProto.ofInt("start", 0),
                    AttributeProto.ofInt("end", 1)), tokenIds);
            String promptTable = g.initializer(TensorProto.floats("soft_prompt", new long[] {promptLength, d}, prompt));
            String promptShape = concat(0, batchDim, g.longs(promptLength, d));
            String batchPrompt = g.op("Expand", promptTable, promptShape);
            embeds = concat(1, batchPrompt, g.gather(shared, tokenIds));
            long[] ones = new long[promptLength];
            Arrays.fill(ones, 1L);
            String onesRow = g.initializer(TensorProto.longs("soft_prompt_mask", new long[] {1, promptLength}, ones));
            String batchOnes = g.op("Expand", onesRow, concat(0, batchDim, g.longs(promptLength)));
            mask = concat(1, batchOnes, tokenMask);
        }
        // [B,S] 1/0 -> [B,1,1,S] additive: (1 - m) * MASKED
        String maskBias = g.reshape(g.mul(g.sub(g.scalar(1f), g.cast(mask, TensorProto.FLOAT)), g.scalar(MASKED)),
                0, 1, 1, -1);
        // [H,S,S] position bias + [B,1,1,S] padding bias broadcast to [B,H,S,S]
        String encTable = weight("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", buckets, heads);
        String encBias = g.add(g.transpose(g.gather(encTable, encBuckets), 2, 0, 1), maskBias);
        String decTable = weight("decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", buckets, heads);
        String decBias = g.add(g.transpose(g.gather(decTable, decBuckets), 2, 0, 1), causal);

        String h = embeds;
        for (int i = 0; i < config.numLayers(); i++) {
            String p = "encoder.block." + i + ".layer.";
            h = g.add(h, attention(rmsNorm(h, p + "0.layer_norm.weight"), null, p + "0.SelfAttention.", encBias));
            h = g.add(h, feedForward(rmsNorm(h, p + "1.layer_norm.weight"), p + "1.DenseReluDense."));
        }
        String encoderHidden = rmsNorm(h, "encoder.final_layer_norm.weight");
        g.output(encoderHidden, "encoder_hidden", TensorProto.FLOAT, "batch", "source", (long) d);

        h = g.gather(shared, decoderIds);
        for (int i = 0; i < config.numDecoderLayers(); i++) {
            String p = "decoder.block." + i + ".layer.";
            h = g.add(h, attention(rmsNorm(h, p + "0.layer_norm.weight"), null, p + "0.SelfAttention.", decBias));
            h = g.add(h, attention(rmsNorm(h, p + "1.layer_norm.weight"), encoderHidden, p + "1.EncDecAttention.",
                    maskBias));
            h = g.add(h, feedForward(rmsNorm(h, p + "2.layer_norm.weight"), p + "2.DenseReluDense."));
        }
        h = rmsNorm(h, "decoder.final_layer_norm.weight");
        if (config.scaleDecoderOutputs()) {
            h = g.mul(h, g.scalar((float) Math.pow(d, -0.5)));
        }
        String head;
        if (store.has("lm_head.weight")) {
            head = linear("lm_head.weight", config.vocabSize(), d);
        } else if (config.tieWordEmbeddings()) {
            head = g.transpose(shared, 1, 0);
        } else {
            throw missing("lm_head.weight", "tie_word_embeddings is false, so a separate lm_head is required");
        }
        g.output(g.matMul(h, head), "logits", TensorProto.FLOAT, "batch", "target", (long) config.vocabSize());
        return g.build("crosspt-t5");
    }

    private String concat(long axis, String... parts) {
        return g.op("Concat", java.util.List.of(AttributeProto.ofInt("axis", axis)), parts);
    }

    /** T5's RMS norm: {@code x / sqrt(mean(x^2) + eps) * w}. */
    private String rmsNorm(String x, String weightName) {
        String w = weight(weightName, config.dModel());
        String rms = g.op("Sqrt", g.add(g.reduceMeanLast(g.mul(x, x)), g.scalar((float) config.layerNormEpsilon())));
        return g.mul(g.div(x, rms), w);
    }

    /** Multi-head attention without 1/sqrt(d_kv) scaling; {@code memory} null for self-attention. */
    private String attention(String x, String memory, String prefix, String bias) {
        int d = config.dModel();
        int inner = config.innerDim();
        String kv = memory == null ? x : memory;
        String q = splitHeads(g.matMul(x, linear(prefix + "q.weight", inner, d)));
        String k = splitHeads(g.matMul(kv, linear(prefix + "k.weight", inner, d)));
        String v = splitHeads(g.matMul(kv, linear(prefix + "v.weight", inner, d)));
        String scores = g.add(g.matMul(q, g.transpose(k, 0, 1, 3, 2)), bias);
        String context = g.matMul(g.softmaxLast(scores), v);
        String merged = g.reshape(g.transpose(context, 0, 2, 1, 3), 0, 0, inner);
        return g.matMul(merged, linear(prefix + "o.weight", d, inner));
    }

    private String splitHeads(String x) {
        return g.transpose(g.reshape(x, 0, 0, config.numHeads(), config.dKv()), 0, 2, 1, 3);
    }

    private String feedForward(String x, String prefix) {
        int d = config.dModel();
        int ff = config.dFf();
        String hidden;
        if (config.gatedAct()) {
            hidden = g.mul(activate(g.matMul(x, linear(prefix + "wi_0.weight", ff, d))),
                    g.matMul(x, linear(prefix + "wi_1.weight", ff, d)));
        } else {
            hidden = activate(g.matMul(x, linear(prefix + "wi.weight", ff, d)));
        }
        return g.matMul(hidden, linear(prefix + "wo.weight", d, ff));
    }

    private String activate(String x) {
        switch (config.denseActFn()) {
            case "relu":
                return g.op("Relu", x);
            case "gelu_new": {
                // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
                String cube = g.mul(g.mul(x, x), x);
                String inner = g.mul(g.add(x, g.mul(cube, g.scalar(0.044715f))),
                        g.scalar((float) Math.sqrt(2.0 / Math.PI)));
                return g.mul(g.mul(x, g.add(g.op("Tanh", inner), g.scalar(1f))), g.scalar(0.5f));
            }
            case "gelu":
                return g.mul(g.mul(x, g.add(g.op("Erf", g.mul(x, g.scalar((float) Math.sqrt(0.5)))), g.scalar(1f))),
                        g.scalar(0.5f));
            case "silu":
            case "swish":
                return g.mul(x, g.op("Sigmoid", x));
            default:
                throw new IllegalArgumentException("unsupported activation '" + config.denseActFn() + "'");
        }
    }

    /** A Hugging Face linear weight {@code [out, in]}, stored transposed {@code [in, out]} for MatMul. */
    private String linear(String name, int out, int in) {
        float[] w = read(name, out, in);
        float[] t = new float[w.length];
        for (int r = 0; r < out; r++) {
            for (int c = 0; c < in; c++) {
                t[c * out + r] = w[r * in + c];
            }
        }
        return g.initializer(TensorProto.floats(name + ".T", new long[] {in, out}, t));
    }

    /** A tensor stored as the checkpoint has it. */
    private String weight(String name, long... shape) {
        return g.initializer(TensorProto.floats(name, shape, read(name, shape)));
    }

    private float[] read(String name, long... expected) {
        if (!store.has(name)) {
            throw missing(name, "expected shape " + Arrays.toString(expected));
        }
        TensorInfo info = store.info(name);
        if (!Arrays.equals(info.shape(), expected)) {
            throw new CheckpointException(store.fileOf(name) + ": tensor '" + name + "' has shape "
                    + info.shapeString() + ", expected " + Arrays.toString(expected));
        }
        return store.readFloats(name);
    }

    private CheckpointException missing(String name, String why) {
        return new CheckpointException("checkpoint has no tensor '" + name + "' (" + why + ", for a T5 with d_model="
                + config.dModel() + ", num_heads=" + config.numHeads() + ", d_ff=" + config.dFf() + ", "
                + (config.gatedAct() ? "gated " : "") + config.denseActFn() + ")");
    }
}
