package dev.crosspt.data.protocol;

import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Synthetic tasks for the protocol tests. */
final class Tasks {

    private Tasks() {
    }

    /** {@code n} rows of one split, labels cycling through {@code labels}; origins {@code split:line}. */
    static List<RawExample> rows(String split, int n, List<String> labels) {
        List<RawExample> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new RawExample(Map.of("sentence", split + " row " + i), labels.get(i % labels.size()),
                    split + ".tsv:" + (i + 2)));
        }
        return rows;
    }

    /** {@code n} rows with the same label. */
    static List<RawExample> labelled(String split, int n, String label, int firstLine) {
        List<RawExample> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new RawExample(Map.of("sentence", split + " " + label + " " + i), label,
                    split + ".tsv:" + (firstLine + i)));
        }
        return rows;
    }

    /** {@code n} rows without labels, as GLUE test files have them. */
    static List<RawExample> unlabelled(String split, int n) {
        List<RawExample> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new RawExample(Map.of("sentence", split + " unlabelled " + i), null, split + ".tsv:u" + i));
        }
        return rows;
    }

    /** A classification task from its splits, in the order given as name, rows, name, rows, ... */
    static RawTask classification(String name, List<String> labels, Object... splits) {
        return new RawTask(name, TaskKind.CLASSIFICATION, labels, map(splits), Map.of());
    }

    /** A regression task from its splits. */
    static RawTask regression(String name, Object... splits) {
        return new RawTask(name, TaskKind.REGRESSION, List.of(), map(splits), Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<RawExample>> map(Object... splits) {
        Map<String, List<RawExample>> m = new LinkedHashMap<>();
        for (int i = 0; i < splits.length; i += 2) {
            m.put((String) splits[i], (List<RawExample>) splits[i + 1]);
        }
        return m;
    }

    /** Concatenation. */
    @SafeVarargs
    static List<RawExample> concat(List<RawExample>... parts) {
        List<RawExample> all = new ArrayList<>();
        for (List<RawExample> p : parts) {
            all.addAll(p);
        }
        return all;
    }
}
