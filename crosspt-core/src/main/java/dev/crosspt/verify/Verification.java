package dev.crosspt.verify;

import dev.crosspt.api.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes a transformers reference with an engine and compares every output it contains.
 *
 * <p>Token ids are re-encoded from {@code expected.json} when it is present and compared exactly; the numeric
 * outputs are recomputed from the reference's own ids so that a tokenizer difference cannot hide behind them.
 */
public final class Verification {

    /** Every output crosspt knows how to check, in report order. */
    public static final List<String> OUTPUTS = List.of("input_ids", "attention_mask", "labels", "encoder_hidden",
            "logits", "loss", "logits_prompted", "loss_prompted", "prompt_grad", "generated_ids");

    /** Outputs that are inputs to the model rather than results of it. */
    private static final Set<String> TOKENIZATION = Set.of("input_ids", "attention_mask", "labels");

    /** The default tolerance on the largest difference relative to {@code max(1, |reference|)}. */
    public static final double DEFAULT_TOLERANCE = 1e-4;

    private Verification() {}

    /**
     * Runs the comparison.
     *
     * @throws InvalidInputException when the reference has neither ids nor texts to compute from
     */
    public static VerificationReport run(ReferenceSet reference, ReferenceEngine engine, double tolerance) {
        Map<String, TensorValue> encoded = reference.texts().map(engine::encode).orElse(Map.of());
        TensorValue ids = firstOf(reference.get("input_ids"), encoded.get("input_ids"));
        TensorValue mask = firstOf(reference.get("attention_mask"), encoded.get("attention_mask"));
        TensorValue labels = firstOf(reference.get("labels"), encoded.get("labels"));
        if (ids == null || mask == null) {
            throw new InvalidInputException(reference.file() + ": no input_ids and attention_mask, and no expected.json"
                    + " beside it with \"inputs\" to encode: nothing to compute the outputs from");
        }
        TensorValue generated = reference.get("generated_ids");
        int maxNewTokens = generated == null ? 0 : Math.toIntExact(generated.shape()[1] - 1);
        ReferenceInputs inputs = new ReferenceInputs(ids, mask, labels, reference.get("prompt"), maxNewTokens);

        Set<String> wanted = new LinkedHashSet<>();
        for (String name : OUTPUTS) {
            if (reference.has(name) && !TOKENIZATION.contains(name) && !engine.notApplicable().contains(name)) {
                wanted.add(name);
            }
        }
        Map<String, TensorValue> computed = engine.compute(inputs, wanted);

        List<OutputCheck> checks = new ArrayList<>();
        for (String name : OUTPUTS) {
            checks.add(check(name, reference, engine, encoded, computed, tolerance));
        }
        List<String> ignored = new ArrayList<>();
        for (String name : reference.names()) {
            if (!OUTPUTS.contains(name) && !name.equals("prompt")) {
                ignored.add(name);
            }
        }
        return new VerificationReport(reference.file().toString(), engine.name(), tolerance, checks, ignored);
    }

    private static OutputCheck check(String name, ReferenceSet reference, ReferenceEngine engine,
            Map<String, TensorValue> encoded, Map<String, TensorValue> computed, double tolerance) {
        TensorValue expected = reference.get(name);
        if (expected == null) {
            return new OutputCheck(name, CheckStatus.ABSENT, Double.NaN, Double.NaN, "not in the reference");
        }
        if (TOKENIZATION.contains(name)) {
            TensorValue actual = encoded.get(name);
            if (actual == null) {
                return new OutputCheck(name, CheckStatus.ABSENT, Double.NaN, Double.NaN,
                        "no expected.json beside the reference: used as given, not re-encoded");
            }
            return Comparisons.compare(name, expected, actual, 0);
        }
        if (engine.notApplicable().contains(name)) {
            return new OutputCheck(name, CheckStatus.NOT_APPLICABLE, Double.NaN, Double.NaN,
                    engine.name() + " cannot compute it");
        }
        TensorValue actual = computed.get(name);
        if (actual == null) {
            return new OutputCheck(name, CheckStatus.FAIL, Double.NaN, Double.NaN,
                    "not computed: the reference lacks an input it needs (labels or prompt)");
        }
        return Comparisons.compare(name, expected, actual, tolerance);
    }

    private static TensorValue firstOf(TensorValue a, TensorValue b) {
        return a != null ? a : b;
    }
}
