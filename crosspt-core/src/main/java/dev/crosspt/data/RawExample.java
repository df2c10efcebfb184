package dev.crosspt.data;

import java.util.List;
import java.util.Map;

/**
 * One record as a dataset file holds it, before it is formatted as text-to-text.
 *
 * @param fields the record's text fields by name, e.g. {@code sentence1}, {@code sentence2}
 * @param label the label as the file writes it ({@code "1"}, {@code "entailment"}, {@code "3.800"}), or the
 *     target text of a generative task (its first gold answer), or null where the split has no labels (GLUE
 *     test files)
 * @param origin where it came from, {@code file:line}, for error messages
 * @param answers every acceptable target, the label first: several gold answers for a question answering task,
 *     otherwise just the label (empty when there is none)
 */
public record RawExample(Map<String, String> fields, String label, String origin, List<String> answers) {

    /** Freezes the fields and answers; with no answers but a label, the label is the one answer. */
    public RawExample {
        fields = Map.copyOf(fields);
        answers = answers == null || answers.isEmpty() ? (label == null ? List.of() : List.of(label))
                : List.copyOf(answers);
        if (label != null && !answers.get(0).equals(label)) {
            throw new IllegalArgumentException(origin + ": the first answer must be the label '" + label
                    + "', got " + answers);
        }
    }

    /**
     * A record with one answer, its label.
     *
     * @param fields the text fields by name
     * @param label the label, or null
     * @param origin {@code file:line}
     */
    public RawExample(Map<String, String> fields, String label, String origin) {
        this(fields, label, origin, List.of());
    }
}
