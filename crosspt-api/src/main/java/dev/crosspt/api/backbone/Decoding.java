package dev.crosspt.api.backbone;

import dev.crosspt.api.InvalidInputException;
import java.util.Locale;

/**
 * How to generate text, with the meaning transformers' {@code generate} gives the same settings.
 *
 * @param numBeams beams kept per input; 1 is greedy decoding
 * @param lengthPenalty the exponent of the length a finished beam's summed log-probability is divided by (its
 *     generated tokens, {@code </s>} included); above 0 favours longer outputs, below 0 shorter ones
 * @param earlyStopping when beam search stops, as transformers' {@code early_stopping}
 * @param maxNewTokens tokens generated at most per input, {@code </s>} included
 */
public record Decoding(int numBeams, double lengthPenalty, EarlyStopping earlyStopping, int maxNewTokens) {

    /** transformers' {@code early_stopping}: {@code True}, {@code False} or {@code "never"}. */
    public enum EarlyStopping {
        /** Stop as soon as every input has {@code numBeams} finished candidates. */
        TRUE,
        /**
         * Stop when no running beam can beat the worst finished one at its current length (transformers'
         * default).
         */
        FALSE,
        /** Stop only when no running beam could beat the worst finished one at the longest allowed length. */
        NEVER;

        /**
         * Parses {@code true}, {@code false} or {@code never}, ignoring case.
         *
         * @throws InvalidInputException for anything else
         */
        public static EarlyStopping of(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidInputException("early stopping '" + text + "' is not one of true, false, never", e);
            }
        }
    }

    /** Validates the settings. */
    public Decoding {
        if (numBeams < 1) {
            throw new InvalidInputException("decoding: beams expected 1 or more, got " + numBeams);
        }
        if (maxNewTokens < 1) {
            throw new InvalidInputException("decoding: max new tokens expected 1 or more, got " + maxNewTokens);
        }
        if (!Double.isFinite(lengthPenalty)) {
            throw new InvalidInputException("decoding: length penalty expected a finite number, got "
                    + lengthPenalty);
        }
        if (earlyStopping == null) {
            throw new InvalidInputException("decoding: early stopping is missing, expected true, false or never");
        }
    }

    /** Greedy decoding of up to {@code maxNewTokens} tokens (transformers' defaults otherwise). */
    public static Decoding greedy(int maxNewTokens) {
        return new Decoding(1, 1.0, EarlyStopping.FALSE, maxNewTokens);
    }

    /** Whether this is greedy decoding. */
    public boolean isGreedy() {
        return numBeams == 1;
    }
}
