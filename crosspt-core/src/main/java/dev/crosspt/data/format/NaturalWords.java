package dev.crosspt.data.format;

import java.util.Map;

/** The natural label words of the known tasks, by task name (see {@link Verbalizer}'s table). */
final class NaturalWords {

    private static final Map<String, String> NLI3 =
            Map.of("entailment", "entailment", "neutral", "neutral", "contradiction", "contradiction");
    private static final Map<String, String> NLI2 =
            Map.of("entailment", "entailment", "not_entailment", "not_entailment");
    private static final Map<String, String> YES_NO = Map.of("false", "no", "true", "yes");

    private static final Map<String, Map<String, String>> TABLE = Map.ofEntries(
            Map.entry("cola", Map.of("0", "unacceptable", "1", "acceptable")),
            Map.entry("sst2", Map.of("0", "negative", "1", "positive")),
            Map.entry("mrpc", Map.of("0", "not_equivalent", "1", "equivalent")),
            Map.entry("qqp", Map.of("0", "not_duplicate", "1", "duplicate")),
            Map.entry("mnli", NLI3),
            Map.entry("cb", NLI3),
            Map.entry("qnli", NLI2),
            Map.entry("rte", NLI2),
            Map.entry("sg-rte", NLI2),
            Map.entry("wnli", Map.of("0", "not_entailment", "1", "entailment")),
            Map.entry("boolq", YES_NO),
            Map.entry("wic", YES_NO),
            Map.entry("copa", Map.of("0", "choice1", "1", "choice2")));

    private NaturalWords() {
    }

    /** The words by raw label, or null for a task not in the table. */
    static Map<String, String> forTask(String task) {
        return TABLE.get(task);
    }
}
