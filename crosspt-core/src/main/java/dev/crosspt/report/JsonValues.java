package dev.crosspt.report;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between plain Java values (maps, lists, strings, numbers, booleans) and Gson trees. */
final class JsonValues {

    private static final Gson GSON = new Gson();

    private JsonValues() {
    }

    /**
     * The JSON form of a value: maps become objects (keys by {@code toString}), iterables and arrays become
     * arrays, enums and paths their names, and other objects what Gson makes of their fields.
     *
     * @param where the key path, for error messages
     * @throws IllegalArgumentException if a number is not finite (JSON has no NaN or infinity)
     */
    static JsonElement toJson(Object value, String where) {
        if (value == null) {
            return JsonNull.INSTANCE;
        } else if (value instanceof JsonElement e) {
            return e.deepCopy();
        } else if (value instanceof String || value instanceof Character || value instanceof Enum<?>
                || value instanceof Path) {
            return new JsonPrimitive(value.toString());
        } else if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        } else if (value instanceof Number n) {
            if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException(where + ": JSON cannot hold the number " + n);
            }
            return new JsonPrimitive(n);
        } else if (value instanceof Map<?, ?> m) {
            JsonObject o = new JsonObject();
            m.forEach((k, v) -> o.add(String.valueOf(k), toJson(v, where + "." + k)));
            return o;
        } else if (value instanceof Iterable<?> it) {
            JsonArray a = new JsonArray();
            int i = 0;
            for (Object v : it) {
                a.add(toJson(v, where + "[" + i++ + "]"));
            }
            return a;
        } else if (value.getClass().isArray()) {
            JsonArray a = new JsonArray();
            for (int i = 0; i < Array.getLength(value); i++) {
                a.add(toJson(Array.get(value, i), where + "[" + i + "]"));
            }
            return a;
        }
        return GSON.toJsonTree(value);
    }

    /**
     * The plain Java form of a JSON tree: objects become {@link LinkedHashMap}s, arrays {@link ArrayList}s,
     * numbers written without a fraction or exponent {@link Long}s (when they fit), other numbers
     * {@link Double}s, and {@code null} null.
     */
    static Object fromJson(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        } else if (e.isJsonObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            e.getAsJsonObject().entrySet().forEach(en -> m.put(en.getKey(), fromJson(en.getValue())));
            return m;
        } else if (e.isJsonArray()) {
            List<Object> l = new ArrayList<>();
            e.getAsJsonArray().forEach(v -> l.add(fromJson(v)));
            return l;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        } else if (p.isString()) {
            return p.getAsString();
        }
        String text = p.getAsString();
        if (text.matches("-?\\d+")) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooBig) {
                return p.getAsDouble();
            }
        }
        return p.getAsDouble();
    }
}
