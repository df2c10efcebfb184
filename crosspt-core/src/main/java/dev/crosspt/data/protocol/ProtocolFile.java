package dev.crosspt.data.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawExample;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code protocol.json}, as {@link SplitFiles} reads it back.
 *
 * @param protocol the settings that carved the splits
 * @param rule the rule description
 * @param sizes examples per split file, by file name
 * @param digests SHA-256 (hex) per split file, by file name; empty when the file records none
 */
record ProtocolFile(FewShotProtocol protocol, String rule, Map<String, Integer> sizes, Map<String, String> digests) {

    /** The JSON written for a task's splits. */
    static JsonObject toJson(String task, Splits splits, Map<String, String> digests) {
        JsonObject o = new JsonObject();
        o.addProperty("format", SplitJson.FORMAT);
        o.addProperty("task", task);
        o.addProperty("k", splits.protocol().k());
        o.addProperty("perLabel", splits.protocol().perLabel());
        o.addProperty("seed", splits.protocol().seed());
        o.addProperty("devSize", splits.protocol().devSize());
        o.addProperty("rule", splits.ruleDescription());
        JsonObject sizes = new JsonObject();
        JsonObject labels = new JsonObject();
        JsonObject sha = new JsonObject();
        List<String> parts = List.of("train", "dev", "test");
        List<List<RawExample>> lists = List.of(splits.train(), splits.dev(), splits.test());
        for (int i = 0; i < parts.size(); i++) {
            sizes.addProperty(parts.get(i), lists.get(i).size());
            JsonObject counts = new JsonObject();
            SplitJson.labelCounts(lists.get(i)).forEach(counts::addProperty);
            labels.add(parts.get(i), counts);
        }
        digests.forEach(sha::addProperty);
        o.add("sizes", sizes);
        o.add("labels", labels);
        o.add("sha256", sha);
        return o;
    }

    /**
     * Reads {@code protocol.json}.
     *
     * @throws InvalidInputException naming the file and the key when something is missing or malformed, or the
     *     file belongs to another task
     */
    static ProtocolFile fromJson(JsonObject o, Path file, String task) {
        long format = number(o, "format", file);
        if (format != SplitJson.FORMAT) {
            throw new InvalidInputException(file + ": 'format' is " + format + ", this version reads "
                    + SplitJson.FORMAT);
        }
        String recordedTask = string(o, "task", file);
        if (!recordedTask.equals(task)) {
            throw new InvalidInputException(file + ": describes task '" + recordedTask + "', expected '" + task + "'");
        }
        JsonElement perLabel = o.get("perLabel");
        if (perLabel == null || !perLabel.isJsonPrimitive() || !perLabel.getAsJsonPrimitive().isBoolean()) {
            throw new InvalidInputException(file + ": expected 'perLabel' to be true or false, got " + perLabel);
        }
        FewShotProtocol protocol;
        try {
            protocol = new FewShotProtocol(Math.toIntExact(number(o, "k", file)), perLabel.getAsBoolean(),
                    number(o, "seed", file), Math.toIntExact(number(o, "devSize", file)));
        } catch (InvalidInputException | ArithmeticException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        JsonObject sizeObject = object(o, "sizes", file);
        for (String name : SplitFiles.SPLIT_FILES) {
            String part = name.substring(0, name.indexOf('.'));
            sizes.put(name, Math.toIntExact(number(sizeObject, part, file)));
        }
        Map<String, String> digests = new LinkedHashMap<>();
        if (o.has("sha256")) {
            JsonObject sha = object(o, "sha256", file);
            for (String name : SplitFiles.SPLIT_FILES) {
                digests.put(name, string(sha, name, file));
            }
        }
        return new ProtocolFile(protocol, string(o, "rule", file), sizes, digests);
    }

    private static long number(JsonObject o, String key, Path file) {
        JsonElement e = o.get(key);
        if (e instanceof JsonPrimitive p && p.isNumber()) {
            try {
                return Long.parseLong(p.getAsString());
            } catch (NumberFormatException notWhole) {
                // reported below
            }
        }
        throw new InvalidInputException(file + ": expected '" + key + "' to be a whole number, got " + e);
    }

    private static String string(JsonObject o, String key, Path file) {
        JsonElement e = o.get(key);
        if (e instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        throw new InvalidInputException(file + ": expected '" + key + "' to be a string, got " + e);
    }

    private static JsonObject object(JsonObject o, String key, Path file) {
        JsonElement e = o.get(key);
        if (e != null && e.isJsonObject()) {
            return e.getAsJsonObject();
        }
        throw new InvalidInputException(file + ": expected '" + key + "' to be an object, got " + e);
    }
}
