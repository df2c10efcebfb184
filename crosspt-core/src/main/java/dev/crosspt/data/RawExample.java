package dev.crosspt.data;

import java.util.Map;

/**
 * One record as a dataset file holds it, before it is formatted as text-to-text.
 *
 * @param fields the record's text fields by name, e.g. {@code sentence1}, {@code sentence2}
 * @param label the label as the file writes it ({@code "1"}, {@code "entailment"}, {@code "3.800"}), or null
 *     where the split has no labels (GLUE test files)
 * @param origin where it came from, {@code file:line}, for error messages
 */
public record RawExample(Map<String, String> fields, String label, String origin) {

    /** Freezes the fields. */
    public RawExample {
        fields = Map.copyOf(fields);
    }
}
