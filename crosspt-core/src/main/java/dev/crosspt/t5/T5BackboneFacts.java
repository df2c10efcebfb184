package dev.crosspt.t5;

import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.checkpoint.T5Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What every T5 backbone adapter must report and draw the same way, whatever its engine: the
 * {@code describe()} entries (which resume compares and manifests record) and the token ids prompts are
 * initialised from (so that a prompt initialised on one engine equals the same prompt on another).
 */
public final class T5BackboneFacts {

    /** Prompts are initialised from the embeddings of the first tokens of the vocabulary, the most frequent. */
    public static final int INIT_VOCABULARY = 5000;

    private T5BackboneFacts() {}

    /**
     * The entries of {@code BackboneAdapter.describe()}: backbone, model, shape, weights, engine, device and token
     * limits. Resume compares backbone, shape, weights and the token limits; the model's path, the engine and the
     * device may change.
     *
     * @param backbone the plugin name, e.g. {@code t5} or {@code onnx}
     * @param model the checkpoint directory
     * @param weights its {@link dev.crosspt.checkpoint.WeightsFingerprint}, computed once by the adapter
     * @param engine the engine and its version
     * @param device where it runs, e.g. {@code cpu()}
     */
    public static Map<String, String> describe(String backbone, Path model, String weights, T5Config c, String engine,
            String device, BackboneOptions options) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("backbone", backbone);
        out.put("model", model.toString());
        out.put("shape", shape(c));
        out.put("weights", weights);
        out.put("engine", engine);
        out.put("device", device);
        out.put("max_input_tokens", Integer.toString(options.maxInputTokens()));
        out.put("max_target_tokens", Integer.toString(options.maxTargetTokens()));
        return out;
    }

    /**
     * The {@code shape} entry: tells T5 architectures apart (t5-base from flan-t5-base), but not two checkpoints
     * of one architecture (t5-v1_1-base from flan-t5-base); the {@code weights} entry does that.
     */
    public static String shape(T5Config c) {
        return "d_model " + c.dModel() + ", " + c.numLayers() + "+" + c.numDecoderLayers() + " layers, "
                + c.numHeads() + " heads, d_ff " + c.dFf() + ", vocab " + c.vocabSize()
                + (c.gatedAct() ? ", gated " : ", ") + c.denseActFn();
    }

    /**
     * The token ids whose embeddings initialise a prompt of {@code count} rows: drawn with {@code seed} from the
     * first {@value #INIT_VOCABULARY} ids, skipping pad, eos and unk (ids 0 to 2 in T5 vocabularies).
     */
    public static long[] promptInitTokenIds(int vocabSize, int count, long seed) {
        return promptInitTokenIds(vocabSize, count, seed, Set.of());
    }

    /**
     * As {@link #promptInitTokenIds(int, int, long)}, redrawing any id in {@code excluded}; with none excluded
     * the draw is the same.
     *
     * @throws IllegalArgumentException when every id of the range is excluded
     */
    public static long[] promptInitTokenIds(int vocabSize, int count, long seed, Set<Long> excluded) {
        int limit = Math.min(vocabSize, INIT_VOCABULARY);
        int first = Math.min(3, limit - 1);
        long allowed = java.util.stream.LongStream.range(first, limit).filter(id -> !excluded.contains(id)).count();
        if (allowed == 0) {
            throw new IllegalArgumentException("every token id in [" + first + ", " + limit + ") is excluded from"
                    + " prompt initialisation");
        }
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            long id;
            do {
                id = first + random.nextInt(limit - first);
            } while (excluded.contains(id));
            ids[i] = id;
        }
        return ids;
    }

    /**
     * The token ids of these words, for {@link #promptInitTokenIds(int, int, long, Set)}: every piece of each word
     * as the tokenizer encodes it alone, specials (ids below 3: pad, eos, unk) aside.
     */
    public static Set<Long> wordTokenIds(Collection<String> words, java.util.function.Function<String, long[]> encode) {
        Set<Long> ids = new java.util.TreeSet<>();
        for (String word : words) {
            for (long id : encode.apply(word)) {
                if (id >= 3) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }
}
