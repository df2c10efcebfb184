package dev.crosspt.verify;

/**
 * The inputs an engine recomputes a reference from, taken from the reference file itself so that output
 * comparisons do not depend on tokenization (which is checked on its own).
 *
 * @param inputIds {@code [B, T]} token ids
 * @param attentionMask {@code [B, T]} 1/0
 * @param labels {@code [B, L]} target ids with -100 where ignored, or null when the reference has none
 * @param prompt {@code [P, d_model]} soft prompt, or null when the reference has none
 * @param maxNewTokens tokens to generate after the start token (from {@code generated_ids}), or 0
 */
public record ReferenceInputs(
        TensorValue inputIds, TensorValue attentionMask, TensorValue labels, TensorValue prompt, int maxNewTokens) {}
