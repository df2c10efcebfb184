package dev.crosspt.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One arm of a grid: a method that sets several settings together ({@code {label: SLP, training.variant: SLP,
 * training.shared_lr: [0.1, 0.3], training.private_lr: 0.05}}), so that each method runs at its own rates. A list
 * value is a tuning axis: every combination runs, and the report keeps the one with the best mean dev score.
 *
 * @param label names the arm in cell keys, tables and the baseline ({@code baseline: {arm: P}})
 * @param fixed dotted setting path to its value, for the settings the arm fixes
 * @param tuning dotted setting path to the values tried, in file order
 */
public record Arm(String label, Map<String, Object> fixed, Map<String, List<Object>> tuning) {

    /** The grid key an arm list sits under, and the key of a cell's arm. */
    public static final String KEY = "arms";

    /** The key of the arm's label inside an arm, and the baseline key naming an arm. */
    public static final String LABEL = "label";

    /** Keeps the maps in file order and read-only. */
    public Arm {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        tuning.forEach((path, values) -> copy.put(path, List.copyOf(values)));
        tuning = Collections.unmodifiableMap(copy);
    }

    /** Every combination of the tuning values (the last path varying fastest); one empty map without tuning. */
    public List<Map<String, Object>> combinations() {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> axis : tuning.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object value : axis.getValue()) {
                    Map<String, Object> combination = new LinkedHashMap<>(partial);
                    combination.put(axis.getKey(), value);
                    next.add(combination);
                }
            }
            out = next;
        }
        return out.stream().map(Collections::unmodifiableMap).toList();
    }
}
