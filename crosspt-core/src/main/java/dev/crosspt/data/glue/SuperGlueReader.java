package dev.crosspt.data.glue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one SuperGLUE task directory of JSON lines ({@code train.jsonl}, {@code val.jsonl}, {@code test.jsonl}).
 *
 * <p>Every record must have the task's fields (see {@link SuperGlueTask}); in the train and validation splits
 * also a {@code label} from the task's label set. Test records usually have no label and then carry a null
 * one; a test label that is present is checked like any other. A line that is not a JSON object is an error
 * naming the file and line; blank lines are skipped and counted. The training file is required; the others are
 * read when present.
 */
public final class SuperGlueReader {

    private SuperGlueReader() {
    }

    /**
     * Reads a SuperGLUE task.
     *
     * @param dir the task's directory, such as {@code SuperGLUE/BoolQ}
     * @param task which task it holds
     * @return the task with one split per file present
     * @throws InvalidInputException on a missing training file, bad JSON, a missing field, an unknown label or an
     *     empty split
     */
    public static RawTask read(Path dir, SuperGlueTask task) {
        TaskBuilder builder = new TaskBuilder(task.taskName(), TaskKind.CLASSIFICATION, task.labels(), 0, 0);
        String dirLabel = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        List<String> expected = new ArrayList<>(task.fields());
        expected.add("label");
        for (List<String> split : SuperGlueTask.files()) {
            String splitName = split.get(0);
            Path file = dir.resolve(split.get(1));
            if (!splitName.equals("train") && !Files.isRegularFile(file)) {
                continue;
            }
            String label = dirLabel + "/" + split.get(1);
            String skipPrefix = task.taskName() + " " + split.get(1) + ": ";
            boolean labelled = GlueTask.isLabelled(splitName);
            List<RawExample> examples = new ArrayList<>();
            JsonLines.forEach(file, label, builder, skipPrefix, (origin, record) -> {
                Map<String, String> values = new LinkedHashMap<>();
                for (String field : task.fields()) {
                    values.put(field, JsonLines.required(record, field, origin, expected));
                }
                for (String field : task.optionalFields()) {
                    String value = JsonLines.string(record, field, origin);
                    if (value != null) {
                        values.put(field, value);
                    }
                }
                String rawLabel = labelled ? JsonLines.required(record, "label", origin, expected)
                        : JsonLines.string(record, "label", origin);
                if (rawLabel != null) {
                    builder.checkLabel(rawLabel, origin);
                }
                examples.add(new RawExample(values, rawLabel, origin));
            });
            builder.addSplit(splitName, label, examples, skipPrefix);
        }
        return builder.build();
    }
}
