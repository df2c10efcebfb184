package dev.crosspt.api.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A frozen text-to-text model that takes soft prompts: the one thing the trainer needs from a backbone.
 *
 * <p>Prompts are {@code [P, d]} (one prompt for the whole batch) or {@code [B, P, d]} (one per example) and are
 * prepended to the input's token embeddings. Backbone weights never receive gradients; prompts do. Every
 * array a method creates attaches to the {@code scope} it is given, which the caller closes after the step.
 */
public interface BackboneAdapter extends AutoCloseable {

    /**
     * What was loaded, as text entries that logs and run manifests record and that training checkpoints compare
     * on resume.
     *
     * <p>Resume refuses a checkpoint whose stored value of any of these entries differs from the current one,
     * because they change results: {@code backbone} (the plugin's name), {@code shape} (the architecture),
     * {@code weights} (a fingerprint of the weights, e.g. {@code sha256:} and 16 hex digits),
     * {@code max_input_tokens} and {@code max_target_tokens} (how examples are cut). Report each that applies:
     * an entry the checkpoint stored but the backbone does not report is a difference, while one the checkpoint
     * lacks (written before the entry existed) is not compared, with a warning. Every other entry is free-form,
     * for logs and manifests only, and may vary between runs of the same setup: the model's path
     * ({@code model}), the engine and its version ({@code engine}), the device ({@code device}), thread counts,
     * cache paths.
     *
     * <p>Trainers call this often: compute anything costly (such as the weights' fingerprint) once.
     */
    Map<String, String> describe();

    /** The width {@code d} of the embeddings that prompts must have. */
    int embeddingDim();

    /** False for inference-only engines; the trainer refuses them with a clear message. */
    boolean supportsTraining();

    /**
     * Seeds the engine's random generator (dropout, sampling noise), so that a step is reproducible.
     *
     * @param seed the seed; the trainer derives one per step from the run's seed
     */
    void setRandomSeed(long seed);

    /** A fresh manager for one step's temporaries (or for long-lived parameters). */
    NDManager newScope();

    /**
     * A gradient collector of this backbone's engine. Only one may be open per JVM at a time.
     *
     * @throws UnsupportedOperationException when {@link #supportsTraining()} is false
     */
    GradientCollector newGradientCollector();

    /**
     * Mean cross-entropy of the targets given the prompted inputs.
     *
     * @param training true to run with dropout
     * @return a scalar in {@code scope}
     */
    NDArray loss(NDManager scope, List<String> inputs, List<String> targets, NDArray prompts, boolean training);

    /**
     * Rank classification: the summed log-probability of each candidate string for each input.
     *
     * @return {@code [inputs.size()][candidates.size()]}
     */
    float[][] score(NDManager scope, List<String> inputs, NDArray prompts, List<String> candidates);

    /** Greedy decoding of up to {@code maxNewTokens} tokens per input, special tokens removed. */
    List<String> generate(NDManager scope, List<String> inputs, NDArray prompts, int maxNewTokens);

    /**
     * Decoding as {@code decoding} says: greedy, or beam search with transformers' semantics. Adapters without
     * beam search keep this default, which decodes greedily and refuses more than one beam.
     *
     * @return per input the generated text, special tokens removed
     * @throws UnsupportedOperationException if {@code decoding} asks for beams this adapter cannot search
     */
    default List<String> generate(NDManager scope, List<String> inputs, NDArray prompts, Decoding decoding) {
        if (!decoding.isGreedy()) {
            throw new UnsupportedOperationException(getClass().getName() + " has no beam search; decode with one "
                    + "beam");
        }
        return generate(scope, inputs, prompts, decoding.maxNewTokens());
    }

    /**
     * Embeddings of {@code count} vocabulary tokens drawn with {@code seed}, for initialising prompts from real
     * token embeddings as prompt tuning usually does.
     *
     * @return {@code [count, d]} in {@code scope}
     */
    NDArray sampleTokenEmbeddings(NDManager scope, int count, long seed);

    /**
     * As {@link #sampleTokenEmbeddings(NDManager, int, long)}, never drawing a token of the given words (the
     * tasks' label words and names, so that a prompt does not start out holding an answer). With no words it
     * draws exactly what the three-argument form draws.
     *
     * @param excludedWords words whose tokens the draw leaves out
     * @throws UnsupportedOperationException when the backbone cannot tell which tokens a word has
     */
    default NDArray sampleTokenEmbeddings(NDManager scope, int count, long seed, Collection<String> excludedWords) {
        if (excludedWords.isEmpty()) {
            return sampleTokenEmbeddings(scope, count, seed);
        }
        throw new UnsupportedOperationException(getClass().getName() + " cannot leave words out of prompt"
                + " initialisation; turn init_exclude_task_words off to draw from the whole vocabulary");
    }

    /**
     * Whether {@link #inputFeatures} can give this feature. Backbones that cannot keep this default, and a router
     * that needs the feature is refused before training.
     */
    default boolean offers(InputFeature feature) {
        return false;
    }

    /**
     * One vector per input, computed without any prompt and carrying no gradient, for routers that weigh the
     * prompts per example.
     *
     * @return {@code [inputs.size(), d]} float32 in {@code scope}
     * @throws UnsupportedOperationException when {@link #offers} is false for {@code feature}
     */
    default NDArray inputFeatures(NDManager scope, List<String> inputs, InputFeature feature) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot give the inputs' "
                + feature.label());
    }

    /** Releases the model. */
    @Override
    void close();
}
