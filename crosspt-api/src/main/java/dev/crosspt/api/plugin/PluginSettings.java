package dev.crosspt.api.plugin;

import dev.crosspt.api.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plugin's settings as an experiment gives them (from a spec file, the command line or code), with typed,
 * validating getters. Every error names the plugin, the setting and what was expected.
 */
public final class PluginSettings {

    private final String owner;
    private final Map<String, Object> values;

    private PluginSettings(String owner, Map<String, Object> values) {
        this.owner = owner;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Settings for one plugin.
     *
     * @param owner who the settings are for, as errors should name it, e.g. {@code selector 'softmax'}
     * @param values setting name to value (numbers, strings, booleans)
     */
    public static PluginSettings of(String owner, Map<String, ?> values) {
        return new PluginSettings(owner, new LinkedHashMap<>(values));
    }

    /** No settings at all. */
    public static PluginSettings empty(String owner) {
        return new PluginSettings(owner, Map.of());
    }

    /** Who these settings are for. */
    public String owner() {
        return owner;
    }

    /** The raw values, read-only. */
    public Map<String, Object> values() {
        return values;
    }

    /** True when the setting was given. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * Fails when a setting is not one the plugin knows, so a typo never passes silently.
     *
     * @throws InvalidInputException naming the unknown settings and the known ones
     */
    public PluginSettings requireOnly(String... known) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(Set.of(known));
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(owner + ": unknown setting" + (unknown.size() > 1 ? "s " : " ") + unknown
                    + "; known: " + (known.length == 0 ? "none" : String.join(", ", new TreeSet<>(Set.of(known)))));
        }
        return this;
    }

    /** A number, or {@code fallback} when absent. */
    public double getDouble(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw wrong(key, "a number", v);
        }
    }

    /** A whole number, or {@code fallback} when absent. */
    public int getInt(String key, int fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        double d = v instanceof Number ? ((Number) v).doubleValue() : parse(key, v);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw wrong(key, "a whole number", v);
        }
        return (int) d;
    }

    /** A string, or {@code fallback} when absent. */
    public String getString(String key, String fallback) {
        Object v = values.get(key);
        return v == null ? fallback : v.toString();
    }

    /** A boolean ({@code true} or {@code false}), or {@code fallback} when absent. */
    public boolean getBoolean(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        String s = v.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw wrong(key, "true or false", v);
    }

    /**
     * An error for a setting whose value is out of range, for plugins' own checks.
     *
     * @param expected what would have been accepted, e.g. {@code "a number in (0, 1]"}
     */
    public InvalidInputException wrong(String key, String expected, Object got) {
        return new InvalidInputException(owner + ": setting '" + key + "' expected " + expected + ", got '" + got + "'");
    }

    private double parse(String key, Object v) {
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw wrong(key, "a whole number", v);
        }
    }

    @Override
    public String toString() {
        return owner + " " + values;
    }
}
