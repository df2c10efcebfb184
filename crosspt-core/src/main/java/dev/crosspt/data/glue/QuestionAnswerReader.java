package dev.crosspt.data.glue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads question answering data as records with the fields {@code question} and {@code context}, the first gold
 * answer as the label and every distinct gold answer as the answers:
 * <ul>
 *   <li>SQuAD v1.1 and v2.0 in the official JSON layout ({@link SquadFile}); a v2.0 question marked
 *       {@code is_impossible} gets the one target {@value #UNANSWERABLE};</li>
 *   <li>MRQA's shared-task JSON lines: a header line ({@code {"header": {...}}}), then one context per line with
 *       its questions, {@code {"context": ..., "qas": [{"qid": ..., "question": ..., "answers": [...]}]}}.</li>
 * </ul>
 * A directory holding SQuAD's official files ({@code train-v1.1.json} and {@code dev-v1.1.json}, or the v2.0
 * pair) is read as a task named after the directory; any other layout is named in a {@code task.json} with
 * {@code "format": "squad"} or {@code "mrqa"}.
 */
public final class QuestionAnswerReader {

    /** The target of a SQuAD 2.0 question that has no answer in its context. */
    public static final String UNANSWERABLE = "unanswerable";

    /** The input fields of a question answering record, in T5's order for SQuAD. */
    public static final List<String> FIELDS = List.of("question", "context");

    private static final Pattern NAME_CHARS = Pattern.compile("[^a-z0-9._-]");

    private QuestionAnswerReader() {
    }

    /**
     * The official SQuAD file pair in a directory, v1.1 before v2.0: train first, then dev; null when there is no
     * training file of either version.
     */
    static Path[] officialFiles(Path dir) {
        for (String version : List.of("v1.1", "v2.0")) {
            Path train = dir.resolve("train-" + version + ".json");
            if (Files.isRegularFile(train)) {
                return new Path[] {train, dir.resolve("dev-" + version + ".json")};
            }
        }
        return null;
    }

    /**
     * Reads a directory of official SQuAD files as the task named after the directory (lower case): split
     * {@code train} from {@code train-vX.json}, {@code validation} from {@code dev-vX.json}.
     *
     * @throws InvalidInputException if a file is missing or malformed, naming it and the JSON path
     */
    static dev.crosspt.data.RawTask readSquadDirectory(Path dir) {
        Path[] files = officialFiles(dir);
        if (files == null) {
            throw new InvalidInputException(dir + ": expected SQuAD's train-v1.1.json or train-v2.0.json");
        }
        String name = NAME_CHARS.matcher(dir.toAbsolutePath().normalize().getFileName().toString()
                .toLowerCase(Locale.ROOT)).replaceAll("-");
        TaskBuilder builder = new TaskBuilder(name, dev.crosspt.data.TaskKind.ANSWER, null, 0, 0);
        Map<String, Path> splits = new LinkedHashMap<>();
        splits.put("train", files[0]);
        splits.put("validation", files[1]);
        splits.forEach((split, file) -> {
            String label = dir.getFileName() + "/" + file.getFileName();
            builder.addSplit(split, label, squad(file, label), name + " " + file.getFileName() + ": ");
        });
        return builder.build();
    }

    /**
     * The records of a SQuAD file.
     *
     * @param label how messages name the file
     * @throws InvalidInputException if the file is missing or malformed
     */
    static List<RawExample> squad(Path file, String label) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(label + ": missing required file (looked for " + file + ")");
        }
        List<RawExample> out = new ArrayList<>();
        for (SquadQuestion q : SquadFile.read(file).questions()) {
            List<String> answers = q.unanswerable() && q.answers().isEmpty() ? List.of(UNANSWERABLE)
                    : distinct(q.answers());
            String origin = q.where().replace(file.toString(), label);
            out.add(record(q.question(), q.context(), answers, origin + " (id " + q.id() + ")"));
        }
        return out;
    }

    /**
     * The records of an MRQA JSON-lines file: the header line is checked and skipped, blank lines are skipped and
     * counted.
     *
     * @throws InvalidInputException if the file is missing, has no header, or a line is malformed, naming
     *     {@code file:line} and the JSON key
     */
    static List<RawExample> mrqa(Path file, String label, TaskBuilder builder, String skipPrefix) {
        List<RawExample> out = new ArrayList<>();
        boolean[] header = {false};
        JsonLines.forEach(file, label, builder, skipPrefix, (origin, record) -> {
            if (!header[0]) {
                if (!record.has("header")) {
                    throw new InvalidInputException(origin + ": expected MRQA's header line {\"header\": {...}} "
                            + "first, found keys " + record.keySet());
                }
                header[0] = true;
                return;
            }
            String context = JsonLines.required(record, "context", origin, List.of("context", "qas"));
            JsonElement qas = record.get("qas");
            if (qas == null || !qas.isJsonArray()) {
                throw new InvalidInputException(origin + ": 'qas' must be an array of questions, found " + qas);
            }
            JsonArray list = qas.getAsJsonArray();
            for (int i = 0; i < list.size(); i++) {
                String where = origin + " qas[" + i + "]";
                if (!list.get(i).isJsonObject()) {
                    throw new InvalidInputException(where + ": expected an object, found " + list.get(i));
                }
                JsonObject qa = list.get(i).getAsJsonObject();
                String question = JsonLines.required(qa, "question", where, List.of("qid", "question", "answers"));
                JsonElement answers = qa.get("answers");
                if (answers == null || !answers.isJsonArray() || answers.getAsJsonArray().isEmpty()) {
                    throw new InvalidInputException(where + ": 'answers' must be a non-empty array of strings, "
                            + "found " + answers);
                }
                List<String> texts = new ArrayList<>();
                for (JsonElement a : answers.getAsJsonArray()) {
                    if (!a.isJsonPrimitive() || !a.getAsJsonPrimitive().isString()) {
                        throw new InvalidInputException(where + ": 'answers' must hold strings, found " + a);
                    }
                    texts.add(a.getAsString());
                }
                String qid = JsonLines.string(qa, "qid", where);
                out.add(record(question, context, distinct(texts), where + (qid == null ? "" : " (qid " + qid + ")")));
            }
        });
        if (!header[0]) {
            throw new InvalidInputException(label + ": empty file, expected MRQA's header line and then one "
                    + "context with its questions per line");
        }
        return out;
    }

    private static RawExample record(String question, String context, List<String> answers, String origin) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("question", question);
        fields.put("context", context);
        return new RawExample(fields, answers.get(0), origin, answers);
    }

    private static List<String> distinct(List<String> answers) {
        return List.copyOf(new LinkedHashSet<>(answers));
    }
}
