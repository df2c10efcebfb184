package dev.crosspt.onnx;

import dev.crosspt.checkpoint.T5Config;
import dev.crosspt.t5.T5Tokenizer;
import dev.crosspt.t5.TokenBatch;
import dev.crosspt.verify.ReferenceEngine;
import dev.crosspt.verify.ReferenceInputs;
import dev.crosspt.verify.TensorValue;
import dev.crosspt.verify.TextInputs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes a reference with the exported T5 graph on ONNX Runtime (inference only, so {@code prompt_grad}
 * is not applicable). Embedding look-ups, prompt prepending, the decoder-input shift, the loss and greedy
 * decoding are done in Java around {@link OnnxT5Session}.
 */
public final class OnnxReferenceEngine implements ReferenceEngine, AutoCloseable {

    private final T5Config config;
    private final OnnxT5Backbone backbone;
    private final OnnxT5Session session;
    private final Path modelDir;
    private T5Tokenizer tokenizer;

    /**
     * Opens the engine.
     *
     * @param modelDir the checkpoint directory: {@code config.json}, the weights (for {@code shared.weight}) and,
     *     for {@link #encode}, {@code tokenizer.json}
     * @param onnxFile the graph {@link OnnxT5Exporter} wrote for this checkpoint
     */
    public OnnxReferenceEngine(Path modelDir, Path onnxFile) {
        this.backbone = OnnxT5Backbone.load(modelDir, onnxFile, 0);
        this.config = backbone.config();
        this.session = backbone.session();
        this.modelDir = modelDir;
    }

    @Override
    public String name() {
        return "onnxruntime (cpu)";
    }

    @Override
    public Set<String> notApplicable() {
        return Set.of("prompt_grad");
    }

    @Override
    public Map<String, TensorValue> encode(TextInputs texts) {
        Map<String, TensorValue> out = new LinkedHashMap<>();
        TokenBatch inputs = tokenizer().encodeInputs(texts.inputs(), Integer.MAX_VALUE);
        long[] shape = {inputs.batch(), inputs.length()};
        out.put("input_ids", TensorValue.ofLongs(shape, inputs.ids()));
        out.put("attention_mask", TensorValue.ofLongs(shape, inputs.mask()));
        TokenBatch labels = tokenizer().encodeLabels(texts.targets(), Integer.MAX_VALUE);
        out.put("labels", TensorValue.ofLongs(new long[] {labels.batch(), labels.length()}, labels.ids()));
        return out;
    }

    /** The checkpoint's tokenizer, shared with the DJL engine, read on first use. */
    private synchronized T5Tokenizer tokenizer() {
        if (tokenizer == null) {
            tokenizer = T5Tokenizer.load(modelDir, config.padTokenId(), config.eosTokenId());
        }
        return tokenizer;
    }

    @Override
    public Map<String, TensorValue> compute(ReferenceInputs in, Set<String> wanted) {
        Map<String, TensorValue> out = new LinkedHashMap<>();
        int batch = Math.toIntExact(in.inputIds().shape()[0]);
        int length = Math.toIntExact(in.inputIds().shape()[1]);
        long[] ids = in.inputIds().longs();
        long[] mask = in.attentionMask().longs();
        long[] labels = in.labels() == null ? null : in.labels().longs();
        int target = labels == null ? 0 : Math.toIntExact(in.labels().shape()[1]);
        long[] decoderIds = labels == null ? null : shiftRight(labels, batch, target);
        if (labels != null && (wanted.contains("encoder_hidden") || wanted.contains("logits")
                || wanted.contains("loss"))) {
            OnnxT5Session.Outputs o = session.run(embed(ids, batch, length, null), mask, decoderIds, batch, length,
                    target, true);
            out.put("encoder_hidden", TensorValue.ofFloats(new long[] {batch, length, config.dModel()}, o.encoderHidden()));
            out.put("logits", TensorValue.ofFloats(new long[] {batch, target, config.vocabSize()}, o.logits()));
            out.put("loss", TensorValue.ofFloats(new long[] {1}, new float[] {crossEntropy(o.logits(), labels)}));
        } else if (wanted.contains("encoder_hidden")) {
            // no labels: a one-token decoder input is enough to get the encoder output
            long[] start = new long[batch];
            java.util.Arrays.fill(start, config.decoderStartTokenId());
            OnnxT5Session.Outputs o = session.run(embed(ids, batch, length, null), mask, start, batch, length, 1, true);
            out.put("encoder_hidden", TensorValue.ofFloats(new long[] {batch, length, config.dModel()}, o.encoderHidden()));
        }
        TensorValue prompt = in.prompt();
        int promptLength = prompt == null ? 0 : Math.toIntExact(prompt.shape()[0]);
        float[] promptedEmbeds = prompt == null ? null : embed(ids, batch, length, prompt.floats());
        long[] promptedMask = prompt == null ? null : extendMask(mask, batch, length, promptLength);
        if (labels != null && prompt != null
                && (wanted.contains("logits_prompted") || wanted.contains("loss_prompted"))) {
            OnnxT5Session.Outputs o = session.run(promptedEmbeds, promptedMask, decoderIds, batch,
                    length + promptLength, target, false);
            out.put("logits_prompted", TensorValue.ofFloats(new long[] {batch, target, config.vocabSize()}, o.logits()));
            out.put("loss_prompted", TensorValue.ofFloats(new long[] {1}, new float[] {crossEntropy(o.logits(), labels)}));
        }
        if (wanted.contains("generated_ids")) {
            float[] e = prompt == null ? embed(ids, batch, length, null) : promptedEmbeds;
            long[] m = prompt == null ? mask : promptedMask;
            out.put("generated_ids", greedy(e, m, batch, length + promptLength, in.maxNewTokens()));
        }
        return out;
    }

    private float[] embed(long[] ids, int batch, int length, float[] prompt) {
        return backbone.embed(ids, batch, length, prompt, prompt == null ? 0 : prompt.length / config.dModel());
    }

    private static long[] extendMask(long[] mask, int batch, int length, int promptLength) {
        return OnnxT5Backbone.extendMask(mask, batch, length, promptLength);
    }

    private long[] shiftRight(long[] labels, int batch, int length) {
        return backbone.shiftRight(labels, batch, length);
    }

    private float crossEntropy(float[] logits, long[] labels) {
        return backbone.crossEntropy(logits, labels);
    }

    private TensorValue greedy(float[] embeds, long[] mask, int batch, int source, int maxNewTokens) {
        long[][] rows = backbone.greedyEmbedded(embeds, mask, batch, source, maxNewTokens);
        int length = rows[0].length;
        long[] flat = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(rows[b], 0, flat, b * length, length);
        }
        return TensorValue.ofLongs(new long[] {batch, length}, flat);
    }

    @Override
    public void close() {
        backbone.close();
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
