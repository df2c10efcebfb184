package dev.crosspt.data.glue;

import dev.crosspt.data.TaskKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The nine GLUE tasks as the official {@code glue_data} download lays them out: the directory, the split files,
 * the header columns each text field and the label are read from, and the label set.
 *
 * <p>Field names follow the names the GLUE datasets use elsewhere (TensorFlow Datasets, Hugging Face): MNLI's
 * {@code sentence1}/{@code sentence2} columns become {@code premise}/{@code hypothesis}, MRPC's {@code #1 String}/
 * {@code #2 String} become {@code sentence1}/{@code sentence2}; other columns keep their names.
 *
 * <table>
 *   <caption>Tasks, fields and labels</caption>
 *   <tr><th>task</th><th>directory</th><th>fields</th><th>label column: values</th></tr>
 *   <tr><td>cola</td><td>CoLA</td><td>sentence</td><td>2nd column (no header): 0, 1</td></tr>
 *   <tr><td>sst2</td><td>SST-2</td><td>sentence</td><td>label: 0, 1</td></tr>
 *   <tr><td>mrpc</td><td>MRPC</td><td>sentence1, sentence2</td><td>Quality: 0, 1</td></tr>
 *   <tr><td>qqp</td><td>QQP</td><td>question1, question2</td><td>is_duplicate: 0, 1</td></tr>
 *   <tr><td>stsb</td><td>STS-B</td><td>sentence1, sentence2</td><td>score: a number in [0, 5]</td></tr>
 *   <tr><td>mnli</td><td>MNLI</td><td>premise, hypothesis</td><td>gold_label: entailment, neutral,
 *       contradiction</td></tr>
 *   <tr><td>qnli</td><td>QNLI</td><td>question, sentence</td><td>label: entailment, not_entailment</td></tr>
 *   <tr><td>rte</td><td>RTE</td><td>sentence1, sentence2</td><td>label: entailment, not_entailment</td></tr>
 *   <tr><td>wnli</td><td>WNLI</td><td>sentence1, sentence2</td><td>label: 0, 1</td></tr>
 * </table>
 */
public enum GlueTask {
    /** Corpus of Linguistic Acceptability; train and dev files have no header. */
    COLA("cola", "CoLA", TaskKind.CLASSIFICATION, List.of("0", "1"), standardFiles(),
            Map.of("sentence", "sentence"), "label", List.of("source", "label", "original_mark", "sentence")),
    /** Stanford Sentiment Treebank, binary. */
    SST2("sst2", "SST-2", TaskKind.CLASSIFICATION, List.of("0", "1"), standardFiles(),
            Map.of("sentence", "sentence"), "label", null),
    /** Microsoft Research Paraphrase Corpus. */
    MRPC("mrpc", "MRPC", TaskKind.CLASSIFICATION, List.of("0", "1"), standardFiles(),
            ordered("sentence1", "#1 String", "sentence2", "#2 String"), "Quality", null),
    /** Quora Question Pairs; rows with missing fields, which the real files contain, are skipped and counted. */
    QQP("qqp", "QQP", TaskKind.CLASSIFICATION, List.of("0", "1"), standardFiles(),
            ordered("question1", "question1", "question2", "question2"), "is_duplicate", null),
    /** Semantic Textual Similarity Benchmark: a similarity score from 0 to 5. */
    STSB("stsb", "STS-B", TaskKind.REGRESSION, List.of(), standardFiles(),
            ordered("sentence1", "sentence1", "sentence2", "sentence2"), "score", null),
    /** Multi-Genre NLI, with matched and mismatched dev and test sets; rows without a gold label are skipped. */
    MNLI("mnli", "MNLI", TaskKind.CLASSIFICATION, List.of("entailment", "neutral", "contradiction"), mnliFiles(),
            ordered("premise", "sentence1", "hypothesis", "sentence2"), "gold_label", null),
    /** Question-answering NLI (from SQuAD). */
    QNLI("qnli", "QNLI", TaskKind.CLASSIFICATION, List.of("entailment", "not_entailment"), standardFiles(),
            ordered("question", "question", "sentence", "sentence"), "label", null),
    /** Recognizing Textual Entailment (GLUE's two-class version). */
    RTE("rte", "RTE", TaskKind.CLASSIFICATION, List.of("entailment", "not_entailment"), standardFiles(),
            ordered("sentence1", "sentence1", "sentence2", "sentence2"), "label", null),
    /** Winograd NLI. */
    WNLI("wnli", "WNLI", TaskKind.CLASSIFICATION, List.of("0", "1"), standardFiles(),
            ordered("sentence1", "sentence1", "sentence2", "sentence2"), "label", null);

    private final String taskName;
    private final String directory;
    private final TaskKind kind;
    private final List<String> labels;
    private final Map<String, String> files;
    private final Map<String, String> columns;
    private final String labelColumn;
    private final List<String> implicitHeader;

    GlueTask(String taskName, String directory, TaskKind kind, List<String> labels, Map<String, String> files,
            Map<String, String> columns, String labelColumn, List<String> implicitHeader) {
        this.taskName = taskName;
        this.directory = directory;
        this.kind = kind;
        this.labels = labels;
        this.files = files;
        this.columns = columns;
        this.labelColumn = labelColumn;
        this.implicitHeader = implicitHeader;
    }

    private static Map<String, String> standardFiles() {
        return ordered("train", "train.tsv", "validation", "dev.tsv", "test", "test.tsv");
    }

    private static Map<String, String> mnliFiles() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("train", "train.tsv");
        m.put("validation_matched", "dev_matched.tsv");
        m.put("validation_mismatched", "dev_mismatched.tsv");
        m.put("test_matched", "test_matched.tsv");
        m.put("test_mismatched", "test_mismatched.tsv");
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The task's short name, lower case: {@code cola}, {@code sst2}, ..., {@code wnli}. */
    public String taskName() {
        return taskName;
    }

    /** The directory name in the official download: {@code CoLA}, {@code SST-2}, ... */
    public String directory() {
        return directory;
    }

    /** Classification, or regression for STS-B. */
    public TaskKind kind() {
        return kind;
    }

    /** The label values as the files write them, in a fixed order (empty for STS-B). */
    public List<String> labels() {
        return labels;
    }

    /** The split files by split name ({@code train}, {@code validation}, {@code test}, or MNLI's five), in order. */
    public Map<String, String> files() {
        return files;
    }

    /** The header column each text field is read from, by field name, in the order the input shows them. */
    public Map<String, String> columns() {
        return columns;
    }

    /** The header column that holds the label in labelled splits. */
    public String labelColumn() {
        return labelColumn;
    }

    /**
     * The column names of a split file that has no header row (CoLA's train and dev files), or null when the
     * file's first line is its header.
     */
    public List<String> implicitHeader(String split) {
        return isLabelled(split) ? implicitHeader : null;
    }

    /** Whether a split carries labels: every split but the test splits. */
    public static boolean isLabelled(String split) {
        return !split.startsWith("test");
    }

    /** Whether rows with missing or extra fields are skipped and counted instead of rejected (QQP only). */
    public boolean skipsMalformedRows() {
        return this == QQP;
    }

    /** Whether rows whose label is empty or {@code -} (no annotator consensus) are skipped and counted (MNLI). */
    public boolean skipsRowsWithoutGoldLabel() {
        return this == MNLI;
    }

    /**
     * The task a directory name stands for, ignoring case, {@code -} and {@code _}: {@code SST-2}, {@code sst2}
     * and {@code sst_2} all name SST-2.
     */
    public static Optional<GlueTask> forDirectory(String name) {
        String key = normalize(name);
        for (GlueTask t : values()) {
            if (normalize(t.directory).equals(key) || t.taskName.equals(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
