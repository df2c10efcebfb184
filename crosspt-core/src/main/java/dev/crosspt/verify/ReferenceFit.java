package dev.crosspt.verify;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.checkpoint.T5Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a reference file was computed for a model of this shape, checked before anything runs: a reference made
 * for another model would otherwise fail inside the engine (an embedding lookup past the vocabulary) or compare
 * tensors of different widths. What can be read from the outputs is checked: the vocabulary (the logits' last
 * dimension and every token id) and the width (the encoder output's, the prompt's and its gradient's last
 * dimension). The number of layers leaves no trace in the shapes; a reference from a model that differs only there
 * fails the comparison instead.
 */
public final class ReferenceFit {

    private static final List<String> VOCABULARY_WIDE = List.of("logits", "logits_prompted");
    private static final List<String> TOKEN_IDS = List.of("input_ids", "labels", "generated_ids");
    private static final List<String> MODEL_WIDE = List.of("encoder_hidden", "prompt", "prompt_grad");

    private ReferenceFit() {}

    /**
     * Checks the reference against the model's configuration.
     *
     * @param config the model's {@code config.json}
     * @param model the model's directory, for the message
     * @throws InvalidInputException naming every output that does not fit, and the config field it disagrees with
     */
    public static void check(ReferenceSet reference, T5Config config, Path model) {
        List<String> problems = differences(reference, config);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(reference.file() + " was not computed for the model in " + model + ": "
                    + String.join("; ", problems));
        }
    }

    /** Every disagreement between the reference's shapes and token ids and the model's configuration. */
    public static List<String> differences(ReferenceSet reference, T5Config config) {
        List<String> problems = new ArrayList<>();
        for (String name : VOCABULARY_WIDE) {
            long last = lastDimension(reference, name);
            if (last >= 0 && last != config.vocabSize()) {
                problems.add(name + " has " + last + " entries per position, the model's vocab_size is "
                        + config.vocabSize());
            }
        }
        for (String name : TOKEN_IDS) {
            if (reference.has(name) && reference.get(name).isIntegral()) {
                long max = Long.MIN_VALUE;
                for (long id : reference.get(name).longs()) {
                    max = Math.max(max, id);
                }
                if (max >= config.vocabSize()) {
                    problems.add(name + " holds token id " + max + ", past the model's vocab_size "
                            + config.vocabSize());
                }
            }
        }
        for (String name : MODEL_WIDE) {
            long last = lastDimension(reference, name);
            if (last >= 0 && last != config.dModel()) {
                problems.add(name + " is " + last + " wide, the model's d_model is " + config.dModel());
            }
        }
        return problems;
    }

    private static long lastDimension(ReferenceSet reference, String name) {
        if (!reference.has(name)) {
            return -1;
        }
        long[] shape = reference.get(name).shape();
        return shape.length == 0 ? -1 : shape[shape.length - 1];
    }
}
