package dev.crosspt.bench;

/**
 * What {@link BackboneBenchmark} measures.
 *
 * @param batch samples per step
 * @param inputTokens token positions per sample
 * @param promptTokens soft-prompt positions prepended to them
 * @param targetTokens decoder positions (label tokens)
 * @param warmupSteps training steps run before timing
 * @param trainSteps timed training steps
 * @param evalBatches timed evaluation batches
 * @param soakSteps training steps of the tiny model for the memory-growth check (RSS read at a tenth and at the end)
 * @param gemmSize side of the square matrices for the machine's matrix-multiply rate
 * @param seed seed for weights and inputs
 */
public record BackboneBenchSettings(
        int batch, int inputTokens, int promptTokens, int targetTokens, int warmupSteps, int trainSteps,
        int evalBatches, int soakSteps, int gemmSize, long seed) {

    /** Validates every field. */
    public BackboneBenchSettings {
        positive("batch", batch);
        positive("inputTokens", inputTokens);
        positive("promptTokens", promptTokens);
        positive("targetTokens", targetTokens);
        positive("trainSteps", trainSteps);
        positive("evalBatches", evalBatches);
        positive("gemmSize", gemmSize);
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps (" + warmupSteps + ") should be non-negative");
        }
        if (soakSteps != 0 && soakSteps < 10) {
            throw new IllegalArgumentException("soakSteps (" + soakSteps + ") should be 0 (skip) or at least 10");
        }
    }

    /** The figures: batch 8, 128 input + 100 prompt tokens, 4 targets, 2,000 soak steps. */
    public static BackboneBenchSettings standard() {
        return new BackboneBenchSettings(8, 128, 100, 4, 2, 8, 8, 2000, 1024, 42);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " (" + value + ") should be positive");
        }
    }
}
