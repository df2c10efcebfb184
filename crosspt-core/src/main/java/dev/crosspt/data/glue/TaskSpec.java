package dev.crosspt.data.glue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.TaskKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user's task described by a small JSON file, {@code task.json} by convention:
 *
 * <pre>{@code
 * {"name": "nli", "format": "jsonl", "text_fields": ["premise", "hypothesis"], "label_field": "label",
 *  "labels": ["yes", "no"], "kind": "classification",
 *  "files": {"train": "train.jsonl", "validation": "dev.jsonl", "test": "test.jsonl"}}
 * }</pre>
 *
 * <p>{@code name} defaults to the spec's directory name in lower case; {@code format} to the training file's
 * extension; {@code kind} to {@code classification}; {@code labels}, when left out, are inferred from the training
 * split (see {@link SpecTaskReader}).
 *
 * <p>Generative tasks: {@code "kind": "summary"} reads a text field and a summary field from JSON lines or CSV;
 * with both left out, CNN/DailyMail's {@code article}/{@code highlights} and XSum's {@code document}/{@code
 * summary} are recognised from the training file ({@link SummaryFields}). {@code "format": "squad"} (official
 * SQuAD JSON) and {@code "format": "mrqa"} (MRQA JSON lines) are question answering, {@code "kind": "answer"},
 * with the fixed fields {@code question} and {@code context} ({@link QuestionAnswerReader}). File names are relative to the spec's directory; {@code files} must name a
 * {@code train} file. Unknown keys are rejected, so that a misspelt key is not silently ignored.
 *
 * @param name the task's short name, lower case
 * @param format how the split files are written
 * @param textFields the fields (JSON keys or header columns) that make up the input, in input order
 * @param labelField the field that holds the label (or the score, for regression)
 * @param labels the label set in a fixed order; empty to infer it from the training split (always empty for
 *     regression)
 * @param kind classification, regression, answer or summary
 * @param files the split files by split name, relative to the spec's directory, in order
 */
public record TaskSpec(String name, FileFormat format, List<String> textFields, String labelField,
        List<String> labels, TaskKind kind, Map<String, String> files) {

    /** The spec's file name by convention. */
    public static final String FILE_NAME = "task.json";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final List<String> KINDS = List.of("classification", "regression", "answer", "summary");
    private static final List<String> KEYS =
            List.of("name", "format", "text_fields", "label_field", "labels", "kind", "files");

    /** Validates every setting and freezes the collections. */
    public TaskSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("name '" + name + "' must be lower-case letters, digits, '.', '-' or "
                    + "'_', starting with a letter or digit");
        }
        if (format == null) {
            throw new InvalidInputException("format is missing, expected one of jsonl, csv, tsv, squad, mrqa");
        }
        if (kind == null) {
            throw new InvalidInputException("kind is missing, expected one of " + KINDS);
        }
        if (format.questionAnswering() && kind != TaskKind.ANSWER) {
            throw new InvalidInputException("format '" + format.specName() + "' holds questions and answers: kind "
                    + "must be answer, got " + kind.name().toLowerCase(Locale.ROOT));
        }
        textFields = List.copyOf(textFields);
        if (textFields.isEmpty()) {
            throw new InvalidInputException("text_fields is empty, expected at least one field name");
        }
        noBlanksOrDuplicates("text_fields", textFields);
        if (labelField == null || labelField.isBlank()) {
            throw new InvalidInputException("label_field '" + labelField + "' is blank, expected a field name");
        }
        if (textFields.contains(labelField)) {
            throw new InvalidInputException("label_field '" + labelField + "' is also one of text_fields "
                    + textFields);
        }
        labels = List.copyOf(labels);
        noBlanksOrDuplicates("labels", labels);
        if ((kind == TaskKind.REGRESSION || kind.generative()) && !labels.isEmpty()) {
            throw new InvalidInputException("labels " + labels + " given for a " + kind.name().toLowerCase(Locale.ROOT)
                    + " task; leave them out");
        }
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        if (!files.containsKey("train")) {
            throw new InvalidInputException("files " + files.keySet() + " has no 'train' entry");
        }
        files.forEach((split, file) -> {
            if (split.isBlank() || file == null || file.isBlank()) {
                throw new InvalidInputException("files: split '" + split + "' -> '" + file + "' needs a split "
                        + "name and a file name");
            }
        });
    }

    private static void noBlanksOrDuplicates(String key, List<String> values) {
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (v.isBlank()) {
                throw new InvalidInputException(key + " " + values + " holds a blank entry");
            }
            if (!seen.add(v)) {
                throw new InvalidInputException(key + " " + values + " holds '" + v + "' twice");
            }
        }
    }

    /**
     * Reads a spec file.
     *
     * @param specFile the JSON file, such as {@code mytask/task.json}
     * @throws InvalidInputException naming the file when it is missing, not JSON, or a setting is wrong
     */
    public static TaskSpec load(Path specFile) {
        String label = specFile.toString();
        JsonObject o = JsonLines.parseObject(TextLines.readAll(specFile, label), label);
        try {
            for (String key : o.keySet()) {
                if (!KEYS.contains(key)) {
                    throw new InvalidInputException("unknown key '" + key + "', expected some of " + KEYS);
                }
            }
            Map<String, String> files = new LinkedHashMap<>();
            JsonElement filesJson = o.get("files");
            if (filesJson == null || !filesJson.isJsonObject()) {
                throw new InvalidInputException("files: expected an object of split name to file name, "
                        + "such as {\"train\": \"train.jsonl\"}, found " + filesJson);
            }
            for (Map.Entry<String, JsonElement> e : filesJson.getAsJsonObject().entrySet()) {
                files.put(e.getKey(), string(o.getAsJsonObject("files"), e.getKey(), "files." + e.getKey()));
            }
            if (!files.containsKey("train")) {
                throw new InvalidInputException("files " + files.keySet() + " has no 'train' entry");
            }
            Path dir = specFile.toAbsolutePath().getParent();
            String name = o.has("name") ? string(o, "name", "name")
                    : dir.getFileName().toString().toLowerCase(Locale.ROOT);
            FileFormat format;
            if (o.has("format")) {
                format = FileFormat.of(string(o, "format", "format"));
            } else {
                format = FileFormat.ofFileName(files.get("train"));
                if (format == null) {
                    throw new InvalidInputException("format is missing and the train file '" + files.get("train")
                            + "' does not end in .jsonl, .csv or .tsv");
                }
            }
            TaskKind kind = format.questionAnswering() ? TaskKind.ANSWER : TaskKind.CLASSIFICATION;
            if (o.has("kind")) {
                String k = string(o, "kind", "kind");
                try {
                    kind = TaskKind.valueOf(k.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("kind '" + k + "' is not one of " + KINDS, e);
                }
            }
            List<String> textFields;
            String labelField;
            if (format.questionAnswering()) {
                if (o.has("text_fields") || o.has("label_field")) {
                    throw new InvalidInputException("format '" + format.specName() + "' has fixed fields "
                            + QuestionAnswerReader.FIELDS + " and answers; leave text_fields and label_field out");
                }
                textFields = QuestionAnswerReader.FIELDS;
                labelField = "answers";
            } else if (kind == TaskKind.SUMMARY && !o.has("text_fields") && !o.has("label_field")) {
                String[] known = SummaryFields.recognise(dir.resolve(files.get("train")), format);
                textFields = List.of(known[0]);
                labelField = known[1];
            } else {
                textFields = strings(o, "text_fields", true);
                labelField = string(o, "label_field", "label_field");
            }
            return new TaskSpec(name, format, textFields, labelField,
                    o.has("labels") ? strings(o, "labels", false) : List.of(), kind, files);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(label + ": " + e.getMessage(), e);
        }
    }

    private static String string(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new InvalidInputException(where + ": expected a string, found " + e);
        }
        return e.getAsString();
    }

    private static List<String> strings(JsonObject o, String key, boolean required) {
        JsonElement e = o.get(key);
        if (e == null && !required) {
            return List.of();
        }
        if (e == null || !e.isJsonArray()) {
            throw new InvalidInputException(key + ": expected an array of strings, found " + e);
        }
        JsonArray a = e.getAsJsonArray();
        List<String> out = new ArrayList<>(a.size());
        for (JsonElement item : a) {
            if (!item.isJsonPrimitive()) {
                throw new InvalidInputException(key + ": expected an array of strings, found " + a);
            }
            out.add(item.getAsString());
        }
        return out;
    }
}
