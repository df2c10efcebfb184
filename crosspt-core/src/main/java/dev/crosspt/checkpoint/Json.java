package dev.crosspt.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small JSON helpers shared by the header, index and config readers, so they all report errors alike. */
final class Json {

    private static final Pattern WHERE = Pattern.compile("at line \\d+ column \\d+ path \\S+");
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

    private Json() {
    }

    /**
     * Parses one JSON document; trailing content other than whitespace is an error.
     *
     * @param text the document
     * @param strict true to reject what RFC 8259 rejects; false to accept what Python's json module writes
     *     ({@code NaN}, {@code Infinity}), which config.json files may contain
     * @param label the file name to start error messages with
     * @param what the part of the file that holds the document, such as "header", or null for the whole file
     */
    static JsonElement parse(String text, boolean strict, String label, String what) {
        String prefix = label + ": " + (what == null ? "" : what + " is ");
        if (text.isBlank()) {
            throw new CheckpointException(prefix + "empty, expected a JSON object");
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(strict ? Strictness.STRICT : Strictness.LENIENT);
            JsonElement root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new CheckpointException(prefix + "not valid JSON (extra content after the document"
                        + where(reader.toString()) + ")");
            }
            return root;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new CheckpointException(prefix + "not valid JSON (" + describe(e) + ")", e);
        }
    }

    /** Gson's messages advise on its own API; keep only what went wrong and where, which a user can act on. */
    private static String describe(Exception e) {
        Throwable t = e.getCause() != null && e instanceof JsonParseException ? e.getCause() : e;
        String msg = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
        if (msg.startsWith("Use JsonReader")) {
            Matcher m = WHERE.matcher(msg);
            msg = "malformed JSON" + (m.find() ? " " + m.group() : "");
        }
        return msg.endsWith(".") ? msg.substring(0, msg.length() - 1) : msg;
    }

    private static String where(String readerDescription) {
        Matcher m = WHERE.matcher(readerDescription);
        return m.find() ? " " + m.group() : "";
    }

    /**
     * Returns the value as a non-negative long if it is a JSON number with an integral value in range.
     *
     * @return the value, or -1 if it is not a non-negative integer that fits a long
     */
    static long nonNegativeLong(JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || !((JsonPrimitive) e).isNumber()) {
            return -1;
        }
        BigDecimal d;
        try {
            d = e.getAsBigDecimal();
        } catch (NumberFormatException ex) {
            return -1;
        }
        if (d.signum() < 0 || d.compareTo(MAX_LONG) > 0 || d.stripTrailingZeros().scale() > 0) {
            return -1;
        }
        return d.longValue();
    }

    /** Names the JSON type of a value for "expected X, got Y" messages. */
    static String typeOf(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "a list";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return "a boolean (" + p.getAsBoolean() + ")";
        }
        if (p.isNumber()) {
            return "a number (" + p.getAsString() + ")";
        }
        return "a string (\"" + p.getAsString() + "\")";
    }
}
