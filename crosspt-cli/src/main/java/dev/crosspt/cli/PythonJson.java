package dev.crosspt.cli;

import java.math.BigDecimal;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A flat JSON object of numbers written as Python's {@code json.dumps} writes it ({@code {"a": 0.5, "b": 1e-05}}),
 * so that {@code score --json} prints what the reference scripts print, character for character.
 */
final class PythonJson {

    private PythonJson() {
    }

    /** The object, keys in the map's order. */
    static String object(Map<String, Double> values) {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        values.forEach((key, value) -> out.add("\"" + key + "\": " + repr(value)));
        return out.toString();
    }

    /** Python's {@code repr} of a finite float: shortest digits, scientific below 1e-4 or from 1e16. */
    static String repr(double v) {
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        double abs = Math.abs(v);
        String java = Double.toString(v);
        if (abs >= 1e-4 && abs < 1e16) {
            String plain = new BigDecimal(java).stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        int e = java.indexOf('E');
        String mantissa = java.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exponent = Integer.parseInt(java.substring(e + 1));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
