package dev.crosspt.api.backbone;

import dev.crosspt.api.InvalidInputException;

/**
 * How to load a backbone.
 *
 * @param model a checkpoint directory, or a model name the adapter can resolve (such as a Hugging Face cache id)
 * @param device {@code auto}, {@code cpu} or {@code gpu}
 * @param threads intra-op threads, or 0 for the engine's default
 * @param maxInputTokens input tokens kept per example (longer inputs are cut, keeping their end-of-sequence)
 * @param maxTargetTokens target tokens kept per example
 */
public record BackboneOptions(String model, String device, int threads, int maxInputTokens, int maxTargetTokens) {

    /** Validates the options. */
    public BackboneOptions {
        if (model == null || model.isBlank()) {
            throw new InvalidInputException("backbone: 'model' is required (a checkpoint directory or a model name)");
        }
        if (threads < 0) {
            throw new InvalidInputException("backbone: 'threads' expected 0 or more, got " + threads);
        }
        if (maxInputTokens < 2 || maxTargetTokens < 1) {
            throw new InvalidInputException("backbone: token limits must be positive (input >= 2, target >= 1), got "
                    + maxInputTokens + " and " + maxTargetTokens);
        }
    }

    /** Defaults for a model: automatic device, default threads, 400 input and 50 target tokens (the authors'). */
    public static BackboneOptions of(String model) {
        return new BackboneOptions(model, "auto", 0, 400, 50);
    }
}
