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
 * decoding are done in Java around {@link OnnxT5Backbone}.
 */
public final class OnnxReferenceEngine implements ReferenceEngine, AutoCloseable {

    private final T5Config config;
    private final OnnxT5Backbone backbone;
    private final Path modelDir;
    private T5Tokenizer tokenizer;

    /**
     * Opens the engine.
     *
     * @param modelDir the checkpoint directory: {@code config.json}, the weights (for {@code shared.weight}) and,
     *     for {@link #encode}, {@code tokenizer.json}
     * @param exportDir the directory {@link OnnxT5Exporter#export} wrote for this checkpoint
     */
    public OnnxReferenceEngine(Path modelDir, Path exportDir) {
        this.backbone = OnnxT5Backbone.load(modelDir, exportDir, 0);
        this.config = backbone.config();
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
        if (wanted.contains("encoder_hidden") || (labels != null
                && (wanted.contains("logits") || wanted.contains("loss")))) {
            OnnxT5Session.Encoded encoded = backbone.encode(ids, mask, batch, length, null, 0);
            out.put("encoder_hidden", TensorValue.ofFloats(new long[] {batch, length, config.dModel()},
                    encoded.hidden()));
            if (labels != null) {
                float[] logits = backbone.logits(encoded, labels, target);
                out.put("logits", TensorValue.ofFloats(new long[] {batch, target, config.vocabSize()}, logits));
                out.put("loss", TensorValue.ofFloats(new long[] {1}, new float[] {backbone.crossEntropy(logits, labels)}));
            }
        }
        TensorValue prompt = in.prompt();
        float[] promptRows = prompt == null ? null : prompt.floats();
        int promptLength = prompt == null ? 0 : Math.toIntExact(prompt.shape()[0]);
        boolean wantPrompted = labels != null && prompt != null
                && (wanted.contains("logits_prompted") || wanted.contains("loss_prompted"));
        if (wantPrompted || wanted.contains("generated_ids")) {
            OnnxT5Session.Encoded encoded = backbone.encode(ids, mask, batch, length, promptRows, promptLength);
            if (wantPrompted) {
                float[] logits = backbone.logits(encoded, labels, target);
                out.put("logits_prompted", TensorValue.ofFloats(new long[] {batch, target, config.vocabSize()},
                        logits));
                out.put("loss_prompted", TensorValue.ofFloats(new long[] {1},
                        new float[] {backbone.crossEntropy(logits, labels)}));
            }
            if (wanted.contains("generated_ids")) {
                out.put("generated_ids", greedy(encoded, in.maxNewTokens()));
            }
        }
        return out;
    }

    private TensorValue greedy(OnnxT5Session.Encoded encoded, int maxNewTokens) {
        long[][] rows = backbone.greedy(encoded, maxNewTokens);
        int batch = rows.length;
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
