package dev.crosspt.verify;

import java.util.Map;
import java.util.Set;

/**
 * An engine that can recompute a reference's outputs for one loaded checkpoint (DJL's PyTorch engine, ONNX
 * Runtime, ...). {@link Verification} decides what to compute and compares.
 */
public interface ReferenceEngine {

    /** A short name for reports, such as {@code djl-pytorch}. */
    String name();

    /** Outputs this engine can never compute, such as gradients on an inference-only engine. */
    Set<String> notApplicable();

    /**
     * Encodes texts with the checkpoint's tokenizer: {@code input_ids} and {@code attention_mask} padded with the
     * pad id, and {@code labels} padded with -100, keyed by those names.
     */
    Map<String, TensorValue> encode(TextInputs texts);

    /**
     * Computes the wanted outputs (names as in {@link Verification#OUTPUTS}) from the given inputs.
     *
     * @return one value per wanted name that this engine can compute
     */
    Map<String, TensorValue> compute(ReferenceInputs inputs, Set<String> wanted);
}
