package dev.crosspt.data.glue;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JSON lines: one JSON object per line, parsed strictly, with errors that name the file and line. */
final class JsonLines {

    /** Receives one record and where it came from. */
    @FunctionalInterface
    interface RecordHandler {
        /**
         * Handles one record.
         *
         * @param origin {@code file:line}
         * @param record the line's object
         */
        void accept(String origin, JsonObject record);
    }

    private static final Pattern WHERE = Pattern.compile("at line (\\d+) column (\\d+)");

    private JsonLines() {
    }

    /**
     * Calls the handler for every non-blank line of a file; blank lines are skipped and counted under
     * {@code skipPrefix + "blank lines"}.
     *
     * @return the number of lines in the file
     * @throws InvalidInputException if the file is missing or a line is not a JSON object
     */
    static int forEach(Path file, String label, TaskBuilder builder, String skipPrefix, RecordHandler handler) {
        return TextLines.forEach(file, label, (line, text) -> {
            String origin = label + ":" + line;
            if (text.isBlank()) {
                builder.skip(skipPrefix + "blank lines", origin);
                return;
            }
            handler.accept(origin, parseObject(text, origin));
        });
    }

    /** Parses one line as a JSON object. */
    static JsonObject parseObject(String text, String origin) {
        JsonElement element;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new InvalidInputException(origin + ": not valid JSON (more than one value on the line)");
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new InvalidInputException(origin + ": not valid JSON (" + describe(e) + ")", e);
        }
        if (!element.isJsonObject()) {
            throw new InvalidInputException(origin + ": expected a JSON object, found " + shorten(text));
        }
        return element.getAsJsonObject();
    }

    /**
     * A field as a string: strings as they are, numbers as written, booleans as {@code true}/{@code false}.
     *
     * @return the value, or null when the field is absent or JSON null
     * @throws InvalidInputException if the value is an object or an array
     */
    static String string(JsonObject record, String key, String origin) {
        JsonElement value = record.get(key);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonPrimitive()) {
            throw new InvalidInputException(origin + ": field '" + key + "' is "
                    + (value.isJsonArray() ? "an array" : "an object") + ", expected a string, number or boolean");
        }
        return value.getAsString();
    }

    /**
     * A field that must be present.
     *
     * @param expected the record's expected fields, named in the error message
     * @throws InvalidInputException if the field is absent, null, an object or an array
     */
    static String required(JsonObject record, String key, String origin, Iterable<String> expected) {
        String value = string(record, key, origin);
        if (value == null) {
            throw new InvalidInputException(origin + ": missing field '" + key + "' (expected "
                    + String.join(", ", expected) + ")");
        }
        return value;
    }

    /** Gson's message without its advice on Gson's own API, keeping where the problem is. */
    private static String describe(Exception e) {
        Throwable t = e instanceof JsonParseException && e.getCause() != null ? e.getCause() : e;
        String msg = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
        if (msg.startsWith("Use JsonReader.setStrictness") || msg.isBlank()) {
            Matcher m = WHERE.matcher(msg);
            return "malformed JSON" + (m.find() ? " at " + (m.group(1).equals("1") ? "" : "line " + m.group(1) + " ")
                    + "column " + m.group(2) : "");
        }
        return msg;
    }

    private static String shorten(String text) {
        String t = text.strip();
        return t.length() <= 40 ? t : t.substring(0, 37) + "...";
    }
}
