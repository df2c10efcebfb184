package dev.crosspt.checkpoint;

import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Collectors;

/** Finds the names closest to a missing one, so "no tensor 'x'" messages can point at the likely typo. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * Describes what is there instead of {@code wanted}.
     *
     * @return "; closest: a, b, c" with up to five names, or "; there are no tensors" for an empty set
     */
    static String closest(String wanted, Collection<String> names) {
        if (names.isEmpty()) {
            return "; there are no tensors";
        }
        return "; closest: " + names.stream()
                .sorted(Comparator.comparingInt((String n) -> distance(wanted, n)).thenComparing(n -> n))
                .limit(5)
                .map(n -> "'" + n + "'")
                .collect(Collectors.joining(", "));
    }

    /** Levenshtein distance; checkpoints hold at most a few thousand names, so the quadratic cost is fine. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
