package dev.crosspt.data.glue;

import java.util.List;
import java.util.Optional;

/**
 * The SuperGLUE tasks crosspt reads, as the official download lays them out: a directory per task with
 * {@code train.jsonl}, {@code val.jsonl} and {@code test.jsonl} (splits {@code train}, {@code validation},
 * {@code test}).
 *
 * <p>Labels are kept as the files write them, as strings: booleans {@code "true"}/{@code "false"}, COPA's
 * choice index {@code "0"}/{@code "1"}. SuperGLUE's RTE is named {@code sg-rte} so that it never collides with
 * GLUE's {@code rte}.
 *
 * <table>
 *   <caption>Tasks, fields and labels</caption>
 *   <tr><th>task</th><th>directory</th><th>fields</th><th>labels</th></tr>
 *   <tr><td>boolq</td><td>BoolQ</td><td>question, passage</td><td>false, true</td></tr>
 *   <tr><td>cb</td><td>CB</td><td>premise, hypothesis</td><td>entailment, contradiction, neutral</td></tr>
 *   <tr><td>copa</td><td>COPA</td><td>premise, choice1, choice2, question (cause or effect)</td><td>0, 1</td></tr>
 *   <tr><td>sg-rte</td><td>RTE</td><td>premise, hypothesis</td><td>entailment, not_entailment</td></tr>
 *   <tr><td>wic</td><td>WiC</td><td>word, sentence1, sentence2; start1, end1, start2, end2 when present</td>
 *       <td>false, true</td></tr>
 * </table>
 */
public enum SuperGlueTask {
    /** Boolean questions about a passage. */
    BOOLQ("boolq", "BoolQ", List.of("false", "true"), List.of("question", "passage"), List.of()),
    /** CommitmentBank: three-way entailment. */
    CB("cb", "CB", List.of("entailment", "contradiction", "neutral"), List.of("premise", "hypothesis"), List.of()),
    /** Choice of Plausible Alternatives: which choice is the cause (or effect) of the premise. */
    COPA("copa", "COPA", List.of("0", "1"), List.of("premise", "choice1", "choice2", "question"), List.of()),
    /** SuperGLUE's copy of RTE, as JSON lines with premise and hypothesis. */
    RTE("sg-rte", "RTE", List.of("entailment", "not_entailment"), List.of("premise", "hypothesis"), List.of()),
    /** Word in Context: is the word used in the same sense in both sentences. */
    WIC("wic", "WiC", List.of("false", "true"), List.of("word", "sentence1", "sentence2"),
            List.of("start1", "end1", "start2", "end2"));

    private static final List<List<String>> FILES = List.of(
            List.of("train", "train.jsonl"), List.of("validation", "val.jsonl"), List.of("test", "test.jsonl"));

    private final String taskName;
    private final String directory;
    private final List<String> labels;
    private final List<String> fields;
    private final List<String> optionalFields;

    SuperGlueTask(String taskName, String directory, List<String> labels, List<String> fields,
            List<String> optionalFields) {
        this.taskName = taskName;
        this.directory = directory;
        this.labels = labels;
        this.fields = fields;
        this.optionalFields = optionalFields;
    }

    /** The task's short name, lower case: {@code boolq}, {@code cb}, {@code copa}, {@code sg-rte}, {@code wic}. */
    public String taskName() {
        return taskName;
    }

    /** The directory name in the official download: {@code BoolQ}, {@code CB}, ... */
    public String directory() {
        return directory;
    }

    /** The label values as strings, in a fixed order. */
    public List<String> labels() {
        return labels;
    }

    /** The fields every record must have. */
    public List<String> fields() {
        return fields;
    }

    /** Fields kept when a record has them (WiC's character offsets). */
    public List<String> optionalFields() {
        return optionalFields;
    }

    /** The split names and their files, in reading order: train, validation, test. */
    static List<List<String>> files() {
        return FILES;
    }

    /**
     * The task a directory name stands for, ignoring case, {@code -} and {@code _}; {@code sg-rte} is accepted
     * as well as {@code RTE}.
     */
    public static Optional<SuperGlueTask> forDirectory(String name) {
        String key = GlueTask.normalize(name);
        for (SuperGlueTask t : values()) {
            if (GlueTask.normalize(t.directory).equals(key) || GlueTask.normalize(t.taskName).equals(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
