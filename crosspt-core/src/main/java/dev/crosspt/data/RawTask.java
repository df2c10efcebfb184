package dev.crosspt.data;

import java.util.List;
import java.util.Map;

/**
 * A task as read from its files: its splits as the dataset distributes them, before few-shot sampling and
 * formatting.
 *
 * @param name the task's short name, lower case ({@code rte}, {@code mnli}, {@code boolq})
 * @param kind classification or regression
 * @param labels the raw label values in a fixed order (empty for regression)
 * @param splits the splits by their distributed names ({@code train}, {@code validation},
 *     {@code validation_matched}, {@code test}, ...), each in file order
 * @param skipped how many records each rule skipped, by a reason a person can read; nothing is dropped silently
 */
public record RawTask(
        String name, TaskKind kind, List<String> labels, Map<String, List<RawExample>> splits,
        Map<String, Integer> skipped) {

    /** Freezes the collections. */
    public RawTask {
        labels = List.copyOf(labels);
        splits = Map.copyOf(splits);
        skipped = Map.copyOf(skipped);
    }

    /** A split by name, or an empty list. */
    public List<RawExample> split(String splitName) {
        return splits.getOrDefault(splitName, List.of());
    }
}
