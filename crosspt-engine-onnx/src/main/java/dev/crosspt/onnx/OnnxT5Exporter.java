package dev.crosspt.onnx;

import com.google.gson.GsonBuilder;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.checkpoint.CheckpointException;
import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.checkpoint.TensorInfo;
import dev.crosspt.checkpoint.TensorStore;
import dev.crosspt.io.Directories;
import dev.crosspt.onnx.proto.AttributeProto;
import dev.crosspt.onnx.proto.GraphBuilder;
import dev.crosspt.onnx.proto.ModelProto;
import dev.crosspt.onnx.proto.TensorProto;
import dev.crosspt.t5.RelativePositionBuckets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a Hugging Face T5 checkpoint as two ONNX graphs (opset 17, weights as float32 initializers) that compute
 * the encoder and the teacher-forced decoder exactly as transformers does, into an export directory for any ONNX
 * Runtime (Java, Python, C#, the browser). With a prompt baked in, callers need nothing but token ids; without,
 * they look the tokens up in {@code shared.weight} themselves and prepend their prompt:
 *
 * <ul>
 *   <li>{@value #ENCODER}: {@code inputs_embeds [B,S,d]} float (soft prompt rows already prepended) and
 *       {@code attention_mask [B,S]} int64 in; or, for an export with a baked-in prompt, {@code input_ids [B,T]}
 *       and {@code attention_mask [B,T]} for the tokens only (the graph looks the tokens up in
 *       {@code shared.weight} and prepends the prompt, an initializer {@code [P,d]}, and {@code P} ones). Out:
 *       {@code encoder_hidden [B,S,d]} (after the final layer norm) and {@code encoder_attention_mask [B,S]}
 *       ({@code S = P + T} when the prompt is baked in).</li>
 *   <li>{@value #DECODER}: {@code encoder_hidden}, {@code encoder_attention_mask} and
 *       {@code decoder_input_ids [B,L]} int64 (labels shifted right) in; {@code logits [B,L,V]} out. Encoding once
 *       and decoding many times is what makes rank classification and greedy decoding cheap.</li>
 *   <li>{@value #METADATA}: what a caller needs beyond the graphs (special token ids, prompt length, names), and
 *       the checkpoint's tokenizer and config files, copied.</li>
 * </ul>
 *
 * <p>Everything that depends only on lengths happens inside the graphs: relative-position biases are gathered
 * from a table indexed by the clipped offset {@code key - query} (built here with
 * {@link RelativePositionBuckets}, so buckets match transformers exactly; offsets beyond
 * {@code relative_attention_max_distance} share the last bucket), and the decoder's causal mask is folded into its
 * table. Supported: relu, gelu, gelu_new, silu feed-forwards, gated or not; tied or separate {@code lm_head};
 * {@code scale_decoder_outputs}. The tied head is the embedding table transposed by a graph node.
 */
public final class OnnxT5Exporter {

    /** The encoder graph's file name in an export directory. */
    public static final String ENCODER = "encoder.onnx";

    /** The decoder graph's file name in an export directory. */
    public static final String DECODER = "decoder.onnx";

    /** The metadata file's name in an export directory. */
    public static final String METADATA = "crosspt-onnx.json";

    /** Checkpoint files copied beside the graphs when present, so the directory is self-contained. */
    private static final List<String> COPIED = List.of("config.json", "generation_config.json", "tokenizer.json",
            "tokenizer_config.json", "special_tokens_map.json", "spiece.model");

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
     * Exports the checkpoint in {@code modelDir} ({@code config.json} and safetensors weights), no prompt baked in:
     * the encoder takes {@code inputs_embeds}, which the caller looks up in {@code shared.weight}.
     *
     * @param modelDir the Hugging Face model directory
     * @param outDir the export directory: new, empty, or an earlier export, which is replaced as a whole
     * @return {@code outDir}
     * @throws CheckpointException when the config is invalid or a tensor is missing or mis-shaped (named)
     * @throws InvalidInputException when {@code outDir} holds something other than an earlier export
     */
    public static Path export(Path modelDir, Path outDir) {
        return write(modelDir, T5Config.load(modelDir.resolve("config.json")), null, 0, Map.of(), outDir);
    }

    /**
     * Exports the checkpoint with one soft prompt baked into the encoder, which then takes plain token ids.
     *
     * @param prompt the prompt, row-major {@code [P, d_model]}
     * @param promptLength {@code P}, at least 1
     * @param notes more entries for {@value #METADATA}, e.g. {@code task} and {@code max_input_tokens} (the
     *     truncation training used, which a caller should repeat); empty for none
     * @param outDir the export directory: new, empty, or an earlier export, which is replaced as a whole
     * @return {@code outDir}
     * @throws IllegalArgumentException when {@code prompt} is not {@code [promptLength, d_model]}
     * @throws InvalidInputException when {@code outDir} holds something other than an earlier export
     */
    public static Path exportWithPrompt(Path modelDir, float[] prompt, int promptLength, Map<String, ?> notes,
            Path outDir) {
        T5Config config = T5Config.load(modelDir.resolve("config.json"));
        if (promptLength < 1 || prompt == null || prompt.length != (long) promptLength * config.dModel()) {
            throw new IllegalArgumentException("prompt of " + (prompt == null ? 0 : prompt.length)
                    + " floats is not [" + promptLength + ", " + config.dModel() + "] (prompt length at least 1)");
        }
        return write(modelDir, config, prompt, promptLength, notes, outDir);
    }

    /**
     * Writes the export into a staging directory beside {@code outDir} and swaps it in only once complete, so a
     * failure (a missing tensor, a full disk) leaves {@code outDir} as it was, never half old and half new. The
     * graphs are built and written one at a time, so only one is in memory.
     */
    private static Path write(Path modelDir, T5Config config, float[] prompt, int promptLength, Map<String, ?> notes,
            Path outDir) {
        boolean replacing = requireExportTarget(outDir);
        Path target = outDir.toAbsolutePath().normalize();
        Path staging = target.resolveSibling("." + target.getFileName() + ".export-" + UUID.randomUUID());
        try (TensorStore store = TensorStore.open(modelDir)) {
            Files.createDirectories(staging);
            writeGraph(modelDir, ENCODER, new OnnxT5Exporter(config, store).encoderGraph(prompt, promptLength),
                    staging);
            writeGraph(modelDir, DECODER, new OnnxT5Exporter(config, store).decoderGraph(), staging);
            for (String name : COPIED) {
                if (Files.isRegularFile(modelDir.resolve(name))) {
                    Files.copy(modelDir.resolve(name), staging.resolve(name));
                }
            }
            Files.writeString(staging.resolve(METADATA), metadata(config, promptLength, notes), StandardCharsets.UTF_8);
            swapIn(staging, target, replacing);
            return outDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ONNX export to " + outDir, e);
        } finally {
            Directories.deleteTreeQuietly(staging);
        }
    }

    /**
     * Accepts a new or empty directory, or an earlier export (it has {@value #METADATA}), which is replaced; refuses
     * anything else, so that an export never deletes files it did not write.
     *
     * @return whether {@code outDir} exists (an earlier export or an empty directory), to be moved aside
     */
    private static boolean requireExportTarget(Path outDir) {
        if (!Files.exists(outDir)) {
            return false;
        }
        if (!Files.isDirectory(outDir)) {
            throw new InvalidInputException(outDir + ": a file; the export needs a directory");
        }
        if (Files.isRegularFile(outDir.resolve(METADATA))) {
            return true;
        }
        try (Stream<Path> entries = Files.list(outDir)) {
            if (entries.findAny().isPresent()) {
                throw new InvalidInputException(outDir + ": not empty and not an earlier ONNX export (no " + METADATA
                        + "); export into a new or empty directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + outDir, e);
        }
        return true;
    }

    /** Renames the finished staging directory to {@code target}, moving an earlier export aside first. */
    private static void swapIn(Path staging, Path target, boolean replacing) throws IOException {
        if (!replacing) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        Directories.deleteTreeQuietly(old);
    }

    private static void writeGraph(Path modelDir, String name, ModelProto graph, Path dir) throws IOException {
        checkSize(modelDir, name, graph);
        graph.write(dir.resolve(name));
    }

    /** Refuses a graph over protobuf's 2 GiB before it is encoded (weights are not stored externally). */
    private static void checkSize(Path modelDir, String name, ModelProto graph) {
        long bytes = graph.initializerBytes();
        // the nodes and names add kilobytes; the margin keeps a graph just under the limit from failing later
        if (bytes + (16L << 20) >= ModelProto.MAX_BYTES) {
            throw new CheckpointException(String.format(Locale.ROOT,
                    "%s: its %s would hold %.2f GiB of float32 weights, over the 2 GiB one ONNX file can hold "
                            + "(this exporter does not write external data)",
                    modelDir, name, bytes / (double) (1L << 30)));
        }
    }

    private static String metadata(T5Config config, int promptLength, Map<String, ?> notes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "crosspt-onnx-t5/1");
        m.put("encoder", ENCODER);
        m.put("decoder", DECODER);
        m.put("encoder_inputs", promptLength > 0 ? List.of("input_ids", "attention_mask")
                : List.of("inputs_embeds", "attention_mask"));
        m.put("encoder_outputs", List.of("encoder_hidden", "encoder_attention_mask"));
        m.put("decoder_inputs", List.of("encoder_hidden", "encoder_attention_mask", "decoder_input_ids"));
        m.put("decoder_outputs", List.of("logits"));
        m.put("prompt_length", promptLength);
        m.put("d_model", config.dModel());
        m.put("vocab_size", config.vocabSize());
        m.put("pad_token_id", config.padTokenId());
        m.put("eos_token_id", config.eosTokenId());
        m.put("decoder_start_token_id", config.decoderStartTokenId());
        new TreeMap<>(notes).forEach(m::putIfAbsent); // sorted, and never replacing an entry above
        return new GsonBuilder().setPrettyPrinting().create().toJson(m) + "\n";
    }

    private ModelProto encoderGraph(float[] prompt, int promptLength) {
        int d = config.dModel();
        String embeds;
        String mask;
        if (prompt == null) {
            embeds = g.input("inputs_embeds", TensorProto.FLOAT, "batch", "source", (long) d);
            mask = g.input("attention_mask", TensorProto.INT64, "batch", "source");
        } else {
            String tokenIds = g.input("input_ids", TensorProto.INT64, "batch", "tokens");
            String tokenMask = g.input("attention_mask", TensorProto.INT64, "batch", "tokens");
            String shared = weight("shared.weight", config.vocabSize(), d);
            // [B] from the ids' shape (opset 15+ Shape start/end)
            String batchDim = g.op("Shape", List.of(AttributeProto.ofInt("start", 0), AttributeProto.ofInt("end", 1)),
                    tokenIds);
            String promptTable = g.initializer(TensorProto.floats("soft_prompt", new long[] {promptLength, d}, prompt));
            String batchPrompt = g.op("Expand", promptTable, concat(0, batchDim, g.longs(promptLength, d)));
            embeds = concat(1, batchPrompt, g.gather(shared, tokenIds));
            long[] ones = new long[promptLength];
            Arrays.fill(ones, 1L);
            String onesRow = g.initializer(TensorProto.longs("soft_prompt_mask", new long[] {1, promptLength}, ones));
            String batchOnes = g.op("Expand", onesRow, concat(0, batchDim, g.longs(promptLength)));
            mask = concat(1, batchOnes, tokenMask);
        }
        String selfBias = g.add(positionBias(mask, "encoder", true), paddingBias(mask));
        String h = embeds;
        for (int i = 0; i < config.numLayers(); i++) {
            String p = "encoder.block." + i + ".layer.";
            h = g.add(h, attention(rmsNorm(h, p + "0.layer_norm.weight"), null, p + "0.SelfAttention.", selfBias));
            h = g.add(h, feedForward(rmsNorm(h, p + "1.layer_norm.weight"), p + "1.DenseReluDense."));
        }
        g.output(rmsNorm(h, "encoder.final_layer_norm.weight"), "encoder_hidden", TensorProto.FLOAT, "batch",
                "source", (long) d);
        g.output(mask, "encoder_attention_mask", TensorProto.INT64, "batch", "source");
        return g.build("crosspt-t5-encoder");
    }

    private ModelProto decoderGraph() {
        int d = config.dModel();
        String encoderHidden = g.input("encoder_hidden", TensorProto.FLOAT, "batch", "source", (long) d);
        String encoderMask = g.input("encoder_attention_mask", TensorProto.INT64, "batch", "source");
        String decoderIds = g.input("decoder_input_ids", TensorProto.INT64, "batch", "target");
        String shared = weight("shared.weight", config.vocabSize(), d);
        String selfBias = positionBias(decoderIds, "decoder", false);
        String crossBias = paddingBias(encoderMask);

        String h = g.gather(shared, decoderIds);
        for (int i = 0; i < config.numDecoderLayers(); i++) {
            String p = "decoder.block." + i + ".layer.";
            h = g.add(h, attention(rmsNorm(h, p + "0.layer_norm.weight"), null, p + "0.SelfAttention.", selfBias));
            h = g.add(h, attention(rmsNorm(h, p + "1.layer_norm.weight"), encoderHidden, p + "1.EncDecAttention.",
                    crossBias));
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
        return g.build("crosspt-t5-decoder");
    }

    /** {@code [B,S]} 1/0 mask to the {@code [B,1,1,S]} additive bias {@code (1 - m) * MASKED}. */
    private String paddingBias(String mask) {
        return g.reshape(g.mul(g.sub(g.scalar(1f), g.cast(mask, TensorProto.FLOAT)), g.scalar(MASKED)), 0, 1, 1, -1);
    }

    /**
     * The {@code [H,N,N]} relative-position bias of a stack, {@code N} axis 1 of {@code like}: the offset
     * {@code key - query}, clipped to the range where buckets still change, indexes a {@code [offsets, H]} table
     * of the stack's bias rows. For the causal decoder every later key gets its bucket's bias plus {@link #MASKED}
     * (the same float sum transformers makes when it adds the causal mask to the position bias).
     */
    private String positionBias(String like, String stack, boolean bidirectional) {
        int heads = config.numHeads();
        int numBuckets = config.relativeAttentionNumBuckets();
        float[] bias = read(stack + ".block.0.layer.0.SelfAttention.relative_attention_bias.weight", numBuckets, heads);
        RelativePositionBuckets buckets =
                new RelativePositionBuckets(numBuckets, config.relativeAttentionMaxDistance());
        // at max_distance and beyond, every offset falls in the last bucket
        int low = -config.relativeAttentionMaxDistance();
        int high = bidirectional ? config.relativeAttentionMaxDistance() : 1;
        float[] table = new float[(high - low + 1) * heads];
        for (int offset = low; offset <= high; offset++) {
            int bucket = buckets.bucket(offset, bidirectional);
            for (int h = 0; h < heads; h++) {
                float value = bias[bucket * heads + h];
                table[(offset - low) * heads + h] = !bidirectional && offset > 0 ? value + MASKED : value;
            }
        }
        String byOffset = g.initializer(TensorProto.floats(stack + ".relative_attention_bias.by_offset",
                new long[] {high - low + 1, heads}, table));
        String length = g.reshape(g.op("Shape", List.of(AttributeProto.ofInt("start", 1), AttributeProto.ofInt("end", 2)),
                like));
        String positions = g.op("Range", g.longScalar(0), length, g.longScalar(1));
        String offsets = g.sub(g.reshape(positions, 1, -1), g.reshape(positions, -1, 1));
        String index = g.sub(g.op("Clip", offsets, g.longScalar(low), g.longScalar(high)), g.longScalar(low));
        return g.transpose(g.gather(byOffset, index), 2, 0, 1);
    }

    private String concat(long axis, String... parts) {
        return g.op("Concat", List.of(AttributeProto.ofInt("axis", axis)), parts);
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
