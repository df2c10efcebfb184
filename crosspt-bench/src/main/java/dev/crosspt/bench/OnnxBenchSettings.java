package dev.crosspt.bench;

/**
 * What {@link OnnxVsDjlBenchmark} measures.
 *
 * @param batch samples per evaluation batch
 * @param inputTokens token positions per sample
 * @param promptTokens soft-prompt positions prepended to them
 * @param targetTokens decoder positions (teacher-forced label tokens; also the length of each candidate)
 * @param candidates label candidates per sample in the rank-classification measurement
 * @param warmupBatches batches run per engine before timing
 * @param timedBatches timed batches per engine
 * @param threads intra-op threads for both engines (inter-op 1)
 * @param tinyModel true for the tiny fixture shape (smoke tests), false for the T5-small shape
 * @param seed seed for weights, inputs and prompt
 */
public record OnnxBenchSettings(
        int batch, int inputTokens, int promptTokens, int targetTokens, int candidates, int warmupBatches,
        int timedBatches,
        int threads, boolean tinyModel, long seed) {

    /** Validates every field. */
    public OnnxBenchSettings {
        positive("batch", batch);
        positive("inputTokens", inputTokens);
        positive("promptTokens", promptTokens);
        positive("targetTokens", targetTokens);
        positive("candidates", candidates);
        positive("timedBatches", timedBatches);
        positive("threads", threads);
        if (warmupBatches < 0) {
            throw new IllegalArgumentException("warmupBatches (" + warmupBatches + ") should be non-negative");
        }
    }

    /**
     * The figures: T5-small shape, batch 8, 128 input + 100 prompt tokens, 4 targets, 3 + 20 batches; rank
     * classification over 3 candidates (as MNLI's labels).
     */
    public static OnnxBenchSettings standard(int threads) {
        return new OnnxBenchSettings(8, 128, 100, 4, 3, 3, 20, threads, false, 42);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " (" + value + ") should be positive");
        }
    }
}
