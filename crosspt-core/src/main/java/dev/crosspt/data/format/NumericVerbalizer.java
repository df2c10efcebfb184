package dev.crosspt.data.format;

import dev.crosspt.api.InvalidInputException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** STS-B's score as text: rounded to the nearest 0.2, one decimal, clamped to [0, 5]. */
final class NumericVerbalizer implements Verbalizer {

    static final NumericVerbalizer INSTANCE = new NumericVerbalizer();

    private static final double MIN = 0;
    private static final double MAX = 5;
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)");

    private NumericVerbalizer() {
    }

    @Override
    public String verbalize(String rawLabel) {
        double value;
        try {
            value = Double.parseDouble(rawLabel.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidInputException("label '" + rawLabel + "' is not a number", e);
        }
        if (!Double.isFinite(value)) {
            throw new InvalidInputException("label '" + rawLabel + "' is not a finite number");
        }
        double rounded = Math.round(clamp(value) * 5) / 5.0;
        return String.format(Locale.ROOT, "%.1f", rounded);
    }

    @Override
    public String parse(String generatedText) {
        if (generatedText == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(generatedText);
        if (!m.find()) {
            return null;
        }
        return BigDecimal.valueOf(clamp(Double.parseDouble(m.group()))).toPlainString();
    }

    private static double clamp(double v) {
        return Math.max(MIN, Math.min(MAX, v));
    }

    @Override
    public List<String> candidates() {
        return List.of();
    }

    @Override
    public String toString() {
        return "numeric[0.2 steps in 0..5]";
    }
}
