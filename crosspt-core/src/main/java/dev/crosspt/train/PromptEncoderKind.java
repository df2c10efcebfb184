package dev.crosspt.train;

import dev.crosspt.api.InvalidInputException;
import java.util.Locale;

/** The shared prompt encoder E applied to every source and private prompt before composition. */
public enum PromptEncoderKind {
    /** E(x) = x. */
    IDENTITY,
    /** E(x) = x W + b, starting at the identity. */
    LINEAR,
    /** E(x) = relu(x W1 + b1) W2 + b2, the authors' default (hidden width 768 for t5-base). */
    MLP;

    /**
     * Parses {@code identity}, {@code linear} or {@code mlp}.
     *
     * @throws InvalidInputException for anything else
     */
    public static PromptEncoderKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("unknown prompt encoder '" + text + "'; known: identity, linear, mlp");
        }
    }
}
