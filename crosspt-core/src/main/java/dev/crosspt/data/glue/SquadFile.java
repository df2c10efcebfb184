package dev.crosspt.data.glue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.crosspt.api.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQuAD v1.1 or v2.0 file in the official layout: {@code {"version": ..., "data": [{"title": ..., "paragraphs":
 * [{"context": ..., "qas": [{"id": ..., "question": ..., "answers": [{"text": ..., "answer_start": ...}],
 * "is_impossible": ...}]}]}]}}. Every gold answer is kept. A question marked {@code is_impossible} (v2.0) may
 * have no answers; any other question must have at least one. Question ids must be unique.
 *
 * @param version the file's {@code version}, or empty
 * @param questions every question, in file order
 */
public record SquadFile(String version, List<SquadQuestion> questions) {

    private static final Pattern WHERE = Pattern.compile("at line (\\d+) column (\\d+)");

    /** Freezes the questions. */
    public SquadFile {
        questions = List.copyOf(questions);
    }

    /**
     * Reads a file.
     *
     * @param file the JSON file
     * @return its questions
     * @throws InvalidInputException naming the file and the line (bad JSON) or the JSON path (a missing or
     *     mistyped field, a repeated id) of the first problem
     */
    public static SquadFile read(Path file) {
        String label = file.toString();
        JsonObject root = parseObject(TextLines.readAll(file, label), label);
        String version = root.has("version") && root.get("version").isJsonPrimitive()
                ? root.get("version").getAsString() : "";
        List<SquadQuestion> questions = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        JsonArray data = array(root, "data", label, "");
        for (int a = 0; a < data.size(); a++) {
            String articlePath = "data[" + a + "]";
            JsonObject article = object(data.get(a), label, articlePath);
            String title = article.has("title") ? text(article, "title", label, articlePath) : "";
            JsonArray paragraphs = array(article, "paragraphs", label, articlePath);
            for (int p = 0; p < paragraphs.size(); p++) {
                String paragraphPath = articlePath + ".paragraphs[" + p + "]";
                JsonObject paragraph = object(paragraphs.get(p), label, paragraphPath);
                String context = text(paragraph, "context", label, paragraphPath);
                JsonArray qas = array(paragraph, "qas", label, paragraphPath);
                for (int q = 0; q < qas.size(); q++) {
                    String qaPath = paragraphPath + ".qas[" + q + "]";
                    JsonObject qa = object(qas.get(q), label, qaPath);
                    String id = text(qa, "id", label, qaPath);
                    String earlier = seen.putIfAbsent(id, qaPath);
                    if (earlier != null) {
                        throw new InvalidInputException(label + ": " + qaPath + ".id: question id '" + id
                                + "' was already used at " + earlier);
                    }
                    boolean impossible = qa.has("is_impossible") && bool(qa, "is_impossible", label, qaPath);
                    JsonArray answers = qa.has("answers") || !impossible
                            ? array(qa, "answers", label, qaPath) : new JsonArray();
                    List<String> texts = new ArrayList<>();
                    for (int i = 0; i < answers.size(); i++) {
                        String answerPath = qaPath + ".answers[" + i + "]";
                        texts.add(text(object(answers.get(i), label, answerPath), "text", label, answerPath));
                    }
                    if (texts.isEmpty() && !impossible) {
                        throw new InvalidInputException(label + ": " + qaPath + ".answers: question '" + id
                                + "' has no answer and is not marked \"is_impossible\": true");
                    }
                    questions.add(new SquadQuestion(id, title, context, text(qa, "question", label, qaPath), texts,
                            impossible, label + ": " + qaPath));
                }
            }
        }
        return new SquadFile(version, questions);
    }

    /** Parses a whole file as one JSON object; errors name the file, line and column. */
    static JsonObject parseObject(String text, String label) {
        JsonElement element;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new InvalidInputException(label + ": not valid JSON (more than one value, the second "
                        + reader.toString().replace("JsonReader ", "") + ")");
            }
        } catch (JsonParseException | IllegalStateException | IOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String msg = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
            Matcher where = WHERE.matcher(msg);
            if (msg.startsWith("Use JsonReader.setStrictness") && where.find()) {
                msg = "malformed JSON at line " + where.group(1) + " column " + where.group(2);
            }
            throw new InvalidInputException(label + ": not valid JSON (" + msg + ")", e);
        }
        if (!element.isJsonObject()) {
            throw new InvalidInputException(label + ": expected a JSON object at the top level");
        }
        return element.getAsJsonObject();
    }

    private static JsonObject object(JsonElement e, String label, String path) {
        if (e == null || !e.isJsonObject()) {
            throw new InvalidInputException(label + ": " + path + ": expected an object, found " + e);
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonObject o, String key, String label, String path) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new InvalidInputException(label + ": " + join(path, key) + ": expected an array, found "
                    + (e == null ? "nothing" : e));
        }
        return e.getAsJsonArray();
    }

    private static String text(JsonObject o, String key, String label, String path) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new InvalidInputException(label + ": " + join(path, key) + ": expected a string, found "
                    + (e == null ? "nothing" : e));
        }
        return e.getAsString();
    }

    private static boolean bool(JsonObject o, String key, String label, String path) {
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new InvalidInputException(label + ": " + join(path, key) + ": expected true or false, found " + e);
        }
        return e.getAsBoolean();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
