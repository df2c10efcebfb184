package dev.crosspt.experiment;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.Plugins;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed values out of a parsed YAML tree and collects every problem, each with its path in the file,
 * instead of stopping at the first.
 */
final class SpecErrors {

    private final String source;
    private final List<String> errors = new ArrayList<>();

    SpecErrors(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void add(String path, String message) {
        errors.add((path.isEmpty() ? "" : path + ": ") + oneLine(message));
    }

    List<String> all() {
        return List.copyOf(errors);
    }

    /** Throws one exception listing every problem, joined by "; ", when there are any. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(source + ": " + errors.size() + " problem" + (errors.size() == 1 ? "" : "s")
                    + ": " + String.join("; ", errors));
        }
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** The map at {@code key} (empty when absent), with unknown keys reported unless {@code known} is null. */
    Map<String, Object> section(Map<String, Object> parent, String path, Set<String> known) {
        return section(parent, path, path, known);
    }

    /** As {@link #section(Map, String, Set)} for the map under {@code key}, whose full path in the file is {@code path}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> section(Map<String, Object> parent, String key, String path, Set<String> known) {
        Object value = parent.get(key);
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map)) {
            add(path, "expected a mapping of settings, got " + describe(value));
            return new LinkedHashMap<>();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        ((Map<Object, Object>) value).forEach((k, v) -> map.put(String.valueOf(k), v));
        if (known != null) {
            unknownKeys(map, path + ".", known);
        }
        return map;
    }

    void unknownKeys(Map<String, Object> map, String prefix, Set<String> known) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                add(prefix + key, "unknown key; did you mean '" + Plugins.closest(key, List.copyOf(known)) + "'?");
            }
        }
    }

    String string(Map<String, Object> map, String path, String key, String fallback, boolean required) {
        Object v = map.get(key);
        if (v == null) {
            if (required) {
                add(path + key, "required");
            }
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            add(path + key, "expected a text value, got " + describe(v));
            return fallback;
        }
        String s = String.valueOf(v);
        if (s.isBlank()) {
            add(path + key, "expected a text value, got an empty one");
            return fallback;
        }
        return s;
    }

    long whole(Map<String, Object> map, String path, String key, long fallback, long min, String expected) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        Double d = number(v);
        if (d == null || d != Math.rint(d) || Math.abs(d) > Long.MAX_VALUE / 2 || d < min) {
            add(path + key, "expected " + expected + ", got " + describe(v));
            return fallback;
        }
        return d.longValue();
    }

    int integer(Map<String, Object> map, String path, String key, int fallback, int min, String expected) {
        long l = whole(map, path, key, fallback, min, expected);
        if (l > Integer.MAX_VALUE) {
            add(path + key, "expected " + expected + " below 2^31, got " + l);
            return fallback;
        }
        return (int) l;
    }

    double decimal(Map<String, Object> map, String path, String key, double fallback, boolean positive) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        Double d = number(v);
        if (d == null || !Double.isFinite(d) || (positive ? d <= 0 : d < 0)) {
            add(path + key, "expected " + (positive ? "a positive number" : "a number, 0 or more") + ", got "
                    + describe(v));
            return fallback;
        }
        return d;
    }

    boolean bool(Map<String, Object> map, String path, String key, boolean fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        add(path + key, "expected true or false, got " + describe(v));
        return fallback;
    }

    List<String> strings(Map<String, Object> map, String path, String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (o == null || o instanceof Map || o instanceof List) {
                    add(path + key, "expected a list of names, got " + describe(v));
                    return List.of();
                }
                out.add(String.valueOf(o).trim());
            }
            return out;
        }
        if (v instanceof Map) {
            add(path + key, "expected a list of names, got " + describe(v));
            return List.of();
        }
        return List.of(String.valueOf(v).split("\\s*,\\s*"));
    }

    private static Double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static String describe(Object v) {
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        return v instanceof String ? "'" + v + "'" : String.valueOf(v);
    }
}
