package dev.crosspt.djl.verify;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.crosspt.djl.engine.Devices;
import dev.crosspt.djl.t5.T5Backbone;
import dev.crosspt.djl.t5.T5Model;
import dev.crosspt.t5.TokenBatch;
import dev.crosspt.verify.ReferenceEngine;
import dev.crosspt.verify.ReferenceInputs;
import dev.crosspt.verify.TensorValue;
import dev.crosspt.verify.TextInputs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Recomputes a reference with the T5 on DJL's PyTorch engine, gradients included. */
public final class DjlReferenceEngine implements ReferenceEngine {

    private static final int MAX_LENGTH = Integer.MAX_VALUE;

    private final T5Backbone backbone;

    /** Verifies the given loaded backbone. */
    public DjlReferenceEngine(T5Backbone backbone) {
        this.backbone = backbone;
    }

    @Override
    public String name() {
        return "djl-pytorch (" + backbone.device() + ")";
    }

    @Override
    public Set<String> notApplicable() {
        return Set.of();
    }

    @Override
    public Map<String, TensorValue> encode(TextInputs texts) {
        Map<String, TensorValue> out = new LinkedHashMap<>();
        TokenBatch inputs = backbone.tokenizer().encodeInputs(texts.inputs(), MAX_LENGTH);
        long[] shape = {inputs.batch(), inputs.length()};
        out.put("input_ids", TensorValue.ofLongs(shape, inputs.ids()));
        out.put("attention_mask", TensorValue.ofLongs(shape, inputs.mask()));
        TokenBatch labels = backbone.tokenizer().encodeLabels(texts.targets(), MAX_LENGTH);
        out.put("labels", TensorValue.ofLongs(new long[] {labels.batch(), labels.length()}, labels.ids()));
        return out;
    }

    @Override
    public Map<String, TensorValue> compute(ReferenceInputs in, Set<String> wanted) {
        Map<String, TensorValue> out = new LinkedHashMap<>();
        try (NDManager scope = backbone.newScope()) {
            NDArray ids = longs(scope, in.inputIds());
            NDArray mask = longs(scope, in.attentionMask());
            NDArray labels = in.labels() == null ? null : longs(scope, in.labels());
            NDArray prompt = in.prompt() == null ? null : scope.create(in.prompt().floats(), new Shape(in.prompt().shape()));
            if (wanted.contains("encoder_hidden")) {
                out.put("encoder_hidden", floats(backbone.encode(ids, mask, null, false)));
            }
            if (labels != null) {
                if (wanted.contains("logits") || wanted.contains("loss")) {
                    NDArray logits = backbone.logits(ids, mask, null, labels, false);
                    out.put("logits", floats(logits));
                    out.put("loss", scalar(T5Model.crossEntropy(logits, labels)));
                }
                if (prompt != null && (wanted.contains("logits_prompted") || wanted.contains("loss_prompted"))) {
                    NDArray logits = backbone.logits(ids, mask, prompt, labels, false);
                    out.put("logits_prompted", floats(logits));
                    out.put("loss_prompted", scalar(T5Model.crossEntropy(logits, labels)));
                }
                if (prompt != null && wanted.contains("prompt_grad")) {
                    out.put("prompt_grad", promptGradient(scope, ids, mask, in.prompt(), labels));
                }
            }
            if (wanted.contains("generated_ids")) {
                long[][] generated = backbone.greedy(ids, mask, prompt, in.maxNewTokens());
                out.put("generated_ids", rectangular(generated));
            }
        }
        return out;
    }

    private TensorValue promptGradient(NDManager scope, NDArray ids, NDArray mask, TensorValue promptValue, NDArray labels) {
        NDArray prompt = scope.create(promptValue.floats(), new Shape(promptValue.shape()));
        prompt.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getEngine(Devices.ENGINE).newGradientCollector()) {
            collector.backward(backbone.loss(ids, mask, prompt, labels, false));
        }
        try (NDArray gradient = prompt.getGradient()) {
            return floats(gradient);
        }
    }

    private static NDArray longs(NDManager scope, TensorValue value) {
        return scope.create(value.longs(), new Shape(value.shape()));
    }

    private static TensorValue floats(NDArray array) {
        return TensorValue.ofFloats(array.getShape().getShape(), array.toFloatArray());
    }

    private static TensorValue scalar(NDArray array) {
        return TensorValue.ofFloats(new long[] {1}, array.toFloatArray());
    }

    /** Greedy decoding gives every row the same length (finished rows continue with padding). */
    private static TensorValue rectangular(long[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        long[] flat = new long[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return TensorValue.ofLongs(new long[] {rows.length, width}, flat);
    }
}
