package dev.crosspt.data.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawExample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON forms {@link SplitFiles} writes: one example per JSON Lines line, and {@code protocol.json}. */
final class SplitJson {

    static final int FORMAT = 1;
    private static final Gson LINE = new GsonBuilder().disableHtmlEscaping().create();
    static final Gson PRETTY = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

    private SplitJson() {
    }

    /** The JSON Lines text of a split: {@code {"fields":{...},"label":...,"origin":...}} per line, fields sorted. */
    static String lines(List<RawExample> examples) {
        StringBuilder sb = new StringBuilder();
        for (RawExample e : examples) {
            JsonObject fields = new JsonObject();
            new TreeMap<>(e.fields()).forEach(fields::addProperty);
            JsonObject o = new JsonObject();
            o.add("fields", fields);
            o.addProperty("label", e.label());
            o.addProperty("origin", e.origin());
            if (e.answers().size() > 1) {
                // only generative tasks have several gold answers; other splits keep their old form
                JsonArray answers = new JsonArray();
                e.answers().forEach(answers::add);
                o.add("answers", answers);
            }
            sb.append(LINE.toJson(o)).append('\n');
        }
        return sb.toString();
    }

    /**
     * One example from one line.
     *
     * @param where {@code file:line}, for the error message
     * @throws InvalidInputException naming {@code where} when the line is not such an object
     */
    static RawExample example(String line, String where) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(line);
            if (!e.isJsonObject()) {
                throw new InvalidInputException(where + ": expected a JSON object with fields, label and origin");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException ex) {
            throw new InvalidInputException(where + ": not valid JSON (" + ex.getMessage() + ")", ex);
        }
        JsonElement fields = o.get("fields");
        if (fields == null || !fields.isJsonObject()) {
            throw new InvalidInputException(where + ": expected 'fields' to be an object of strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> f : fields.getAsJsonObject().entrySet()) {
            values.put(f.getKey(), string(f.getValue(), where, "fields." + f.getKey()));
        }
        List<String> answers = new ArrayList<>();
        JsonElement answersJson = o.get("answers");
        if (answersJson != null) {
            if (!answersJson.isJsonArray()) {
                throw new InvalidInputException(where + ": expected 'answers' to be an array of strings, got "
                        + answersJson);
            }
            int i = 0;
            for (JsonElement a : answersJson.getAsJsonArray()) {
                answers.add(string(a, where, "answers[" + i++ + "]"));
            }
        }
        String label = string(o.get("label"), where, "label");
        if (!answers.isEmpty() && !answers.get(0).equals(label)) {
            throw new InvalidInputException(where + ": expected 'answers' to start with the label '" + label
                    + "', got " + answers);
        }
        return new RawExample(values, label, string(o.get("origin"), where, "origin"), answers);
    }

    private static String string(JsonElement e, String where, String key) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new InvalidInputException(where + ": expected '" + key + "' to be a string, got " + e);
        }
        return e.getAsString();
    }

    /** How many examples carry each label, labels sorted. */
    static Map<String, Integer> labelCounts(List<RawExample> examples) {
        Map<String, Integer> counts = new TreeMap<>();
        examples.forEach(e -> counts.merge(e.label(), 1, Integer::sum));
        return counts;
    }
}
