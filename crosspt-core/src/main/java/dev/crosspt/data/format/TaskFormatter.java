package dev.crosspt.data.format;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.Example;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskKind;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes a raw record as T5 reads GLUE and SuperGLUE: the task name, then each field as {@code name: value},
 * separated by single spaces, and the verbalized label as the target.
 *
 * <table>
 *   <caption>Input formats of the known tasks (with the prefix)</caption>
 *   <tr><th>task</th><th>input</th></tr>
 *   <tr><td>cola, sst2</td><td>{@code sst2 sentence: ...}</td></tr>
 *   <tr><td>mrpc, stsb, rte, wnli</td><td>{@code rte sentence1: ... sentence2: ...}</td></tr>
 *   <tr><td>qqp</td><td>{@code qqp question1: ... question2: ...}</td></tr>
 *   <tr><td>mnli</td><td>{@code mnli hypothesis: ... premise: ...}</td></tr>
 *   <tr><td>qnli</td><td>{@code qnli question: ... sentence: ...}</td></tr>
 *   <tr><td>boolq</td><td>{@code boolq question: ... passage: ...}</td></tr>
 *   <tr><td>cb, sg-rte</td><td>{@code cb hypothesis: ... premise: ...}</td></tr>
 *   <tr><td>copa</td><td>{@code copa premise: ... choice1: ... choice2: ... question: cause}</td></tr>
 *   <tr><td>wic</td><td>{@code wic sentence1: ... sentence2: ... word: ...}</td></tr>
 *   <tr><td>question answering (SQuAD, MRQA)</td><td>{@code squad question: ... context: ...}</td></tr>
 *   <tr><td>any other task</td><td>its fields in alphabetical order, as T5 does for unlisted features; use
 *       {@link #of} to choose the order</td></tr>
 * </table>
 *
 * <p>Without the prefix the task name is left out: {@code sentence1: ... sentence2: ...}. Field values are
 * written as they are. An unlabeled record (a test split) gets the empty target {@code ""}.
 */
public final class TaskFormatter {

    private static final Map<String, List<String>> FIELDS = Map.ofEntries(
            Map.entry("cola", List.of("sentence")),
            Map.entry("sst2", List.of("sentence")),
            Map.entry("mrpc", List.of("sentence1", "sentence2")),
            Map.entry("qqp", List.of("question1", "question2")),
            Map.entry("stsb", List.of("sentence1", "sentence2")),
            Map.entry("mnli", List.of("hypothesis", "premise")),
            Map.entry("qnli", List.of("question", "sentence")),
            Map.entry("rte", List.of("sentence1", "sentence2")),
            Map.entry("wnli", List.of("sentence1", "sentence2")),
            Map.entry("boolq", List.of("question", "passage")),
            Map.entry("cb", List.of("hypothesis", "premise")),
            Map.entry("copa", List.of("premise", "choice1", "choice2", "question")),
            Map.entry("sg-rte", List.of("hypothesis", "premise")),
            Map.entry("wic", List.of("sentence1", "sentence2", "word")));

    private final String taskName;
    private final List<String> fields;
    private final Verbalizer verbalizer;
    private final boolean prefix;

    private TaskFormatter(String taskName, List<String> fields, Verbalizer verbalizer, boolean prefix) {
        if (taskName == null || taskName.isBlank()) {
            throw new IllegalArgumentException("a formatter needs a task name, got '" + taskName + "'");
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("task '" + taskName + "': a formatter needs at least one field");
        }
        if (verbalizer == null) {
            throw new IllegalArgumentException("task '" + taskName + "': a formatter needs a verbalizer");
        }
        this.taskName = taskName;
        this.fields = List.copyOf(fields);
        this.verbalizer = verbalizer;
        this.prefix = prefix;
    }

    /**
     * A formatter with an explicit field order.
     *
     * @param taskName the name the input starts with when {@code prefix} is true
     * @param fields the fields to write, in order
     * @param verbalizer makes the target from the raw label
     * @param prefix whether the input starts with the task name
     */
    public static TaskFormatter of(String taskName, List<String> fields, Verbalizer verbalizer, boolean prefix) {
        return new TaskFormatter(taskName, fields, verbalizer, prefix);
    }

    /**
     * The formatter for a task: the known tasks' field order from the table above, other tasks' fields (those of
     * their first record, training split first) in alphabetical order.
     *
     * @throws InvalidInputException if the task is not a known one and has no records to take fields from
     */
    public static TaskFormatter forTask(RawTask task, Verbalizer verbalizer, boolean prefix) {
        List<String> fields = FIELDS.get(task.name());
        if (fields == null) {
            RawExample first = task.split("train").stream().findFirst().orElseGet(() -> task.splits().keySet()
                    .stream().sorted().flatMap(s -> task.split(s).stream()).findFirst().orElse(null));
            if (first == null) {
                throw new InvalidInputException("task '" + task.name() + "' has no records to take its input "
                        + "fields from");
            }
            fields = List.copyOf(new TreeSet<>(first.fields().keySet()));
            if (task.kind() == TaskKind.ANSWER && fields.equals(List.of("context", "question"))) {
                // T5's SQuAD format asks the question first
                fields = List.of("question", "context");
            }
        }
        return new TaskFormatter(task.name(), fields, verbalizer, prefix);
    }

    /**
     * Formats one record.
     *
     * @return the input text and the target ({@code ""} when the record has no label)
     * @throws InvalidInputException if the record lacks one of the fields, naming its origin
     */
    public Example format(RawExample e) {
        StringBuilder sb = new StringBuilder();
        if (prefix) {
            sb.append(taskName);
        }
        for (String field : fields) {
            String value = e.fields().get(field);
            if (value == null) {
                throw new InvalidInputException(e.origin() + ": missing field '" + field + "' needed by the "
                        + taskName + " input format " + fields);
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(field).append(": ").append(value);
        }
        return new Example(sb.toString(), e.label() == null ? "" : verbalizer.verbalize(e.label()));
    }

    /** The fields written, in order. */
    public List<String> fields() {
        return fields;
    }

    /** Whether the input starts with the task name. */
    public boolean prefix() {
        return prefix;
    }

    /** The verbalizer that makes the targets. */
    public Verbalizer verbalizer() {
        return verbalizer;
    }
}
