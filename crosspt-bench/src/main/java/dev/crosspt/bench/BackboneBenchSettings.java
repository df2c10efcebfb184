package dev.crosspt.bench;

/**
 * What {@link BackboneBenchmark} measures.
 *
 * @param batch samples per step
 * @param inputTokens token positions per sample
 * @param promptTokens soft-prompt positions prepended to them
 * @param targetTokens decoder positions (label tokens)
 * @param warmupSteps training steps run before timing
 * @param trainSteps timed training steps, each preceded by one sample of the matrix-multiply rate
 * @param evalBatches timed evaluation batches, each preceded by one sample of the matrix-multiply rate
 * @param soakSteps training steps of the tiny model for the memory-growth check (RSS read at a tenth and at the
 *     end); 0 skips it
 * @param profileRepetitions training steps and evaluation batches run under PyTorch's profiler after the timed
 *     ones; 0 profiles nothing
 * @param baseSteps timed training steps of the T5-base shape at {@link #BASE_BATCH}; 0 skips that line
 * @param seed seed for weights and inputs
 */
public record BackboneBenchSettings(
        int batch, int inputTokens, int promptTokens, int targetTokens, int warmupSteps, int trainSteps,
        int evalBatches, int soakSteps, int profileRepetitions, int baseSteps, long seed) {

    /** The batch the presets train T5-base with. */
    public static final int BASE_BATCH = 32;

    /** Validates every field. */
    public BackboneBenchSettings {
        positive("batch", batch);
        positive("inputTokens", inputTokens);
        positive("promptTokens", promptTokens);
        positive("targetTokens", targetTokens);
        positive("trainSteps", trainSteps);
        positive("evalBatches", evalBatches);
        notNegative("warmupSteps", warmupSteps);
        notNegative("profileRepetitions", profileRepetitions);
        notNegative("baseSteps", baseSteps);
        if (soakSteps != 0 && soakSteps < 10) {
            throw new IllegalArgumentException("soakSteps (" + soakSteps + ") should be 0 (skip) or at least 10");
        }
    }

    /**
     * The figures: batch 8, 128 input + 100 prompt tokens, 4 targets, 10 timed steps and batches,
     * 2,000 soak steps, one T5-base step, no profile.
     */
    public static BackboneBenchSettings standard() {
        return new BackboneBenchSettings(8, 128, 100, 4, 2, 10, 10, 2000, 0, 1, 42);
    }

    /** Encoder positions: prompt plus input. */
    public int sourceTokens() {
        return promptTokens + inputTokens;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " (" + value + ") should be positive");
        }
    }

    private static void notNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " (" + value + ") should be non-negative");
        }
    }
}
