package dev.crosspt.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;

/**
 * Typed access to the fields of a config.json, with Python's defaults and errors that name file and field.
 *
 * <p>An absent field and an explicit {@code null} both mean "use the default", as keyword arguments do in
 * transformers; a value of the wrong JSON type is an error rather than a silent default.
 */
final class ConfigFields {

    private final String label;
    private final JsonObject obj;

    ConfigFields(String label, JsonObject obj) {
        this.label = label;
        this.obj = obj;
    }

    boolean present(String field) {
        JsonElement e = obj.get(field);
        return e != null && !e.isJsonNull();
    }

    int integer(String field, int dflt) {
        Integer v = optInteger(field);
        return v == null ? dflt : v;
    }

    /** The field as an int, or null when absent or null; a fraction, a string or an overflow is an error. */
    Integer optInteger(String field) {
        if (!present(field)) {
            return null;
        }
        JsonElement e = obj.get(field);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            try {
                BigDecimal d = e.getAsBigDecimal();
                if (d.stripTrailingZeros().scale() <= 0) {
                    return d.intValueExact();
                }
            } catch (ArithmeticException | NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw wrongType(field, e, "an integer");
    }

    double number(String field, double dflt) {
        if (!present(field)) {
            return dflt;
        }
        JsonElement e = obj.get(field);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return e.getAsDouble();
        }
        throw wrongType(field, e, "a number");
    }

    boolean bool(String field, boolean dflt) {
        if (!present(field)) {
            return dflt;
        }
        JsonElement e = obj.get(field);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        throw wrongType(field, e, "true or false");
    }

    String string(String field, String dflt) {
        if (!present(field)) {
            return dflt;
        }
        JsonElement e = obj.get(field);
        if (e.isJsonPrimitive() && ((JsonPrimitive) e).isString()) {
            return e.getAsString();
        }
        throw wrongType(field, e, "a string");
    }

    CheckpointException error(String message) {
        return new CheckpointException(label + ": " + message);
    }

    private CheckpointException wrongType(String field, JsonElement e, String expected) {
        return error(field + " is " + Json.typeOf(e) + ", expected " + expected);
    }
}
