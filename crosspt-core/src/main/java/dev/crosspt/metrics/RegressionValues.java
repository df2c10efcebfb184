package dev.crosspt.metrics;

import dev.crosspt.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parses the numbers a regression metric scores; see {@link Pearson} for how bad predictions are treated. */
final class RegressionValues {

    private static final Logger LOG = LoggerFactory.getLogger(RegressionValues.class);
    private static final int SHOWN = 3;

    private RegressionValues() {
    }

    /**
     * The gold values as numbers.
     *
     * @throws InvalidInputException naming the metric, the index and the value when one is not a finite number
     */
    static double[] gold(String metric, List<String> gold) {
        double[] values = new double[gold.size()];
        for (int i = 0; i < values.length; i++) {
            double v = parse(gold.get(i));
            if (Double.isNaN(v)) {
                throw new InvalidInputException(metric + ": the gold value at index " + i + " is '" + gold.get(i)
                        + "', expected a finite number");
            }
            values[i] = v;
        }
        return values;
    }

    /**
     * The predictions as numbers; one that is missing, not a number or not finite is replaced by
     * {@code missing}, and the count is logged as a warning.
     */
    static double[] predictions(String metric, List<String> predicted, double missing) {
        double[] values = new double[predicted.size()];
        List<String> bad = new ArrayList<>();
        int badCount = 0;
        for (int i = 0; i < values.length; i++) {
            double v = parse(predicted.get(i));
            if (Double.isNaN(v)) {
                badCount++;
                if (bad.size() < SHOWN) {
                    bad.add("'" + predicted.get(i) + "'");
                }
                v = missing;
            }
            values[i] = v;
        }
        if (badCount > 0) {
            LOG.warn("{}: {} of {} predictions are not numbers (e.g. {}); each was scored as {}", metric, badCount,
                    values.length, String.join(", ", bad), missing);
        }
        return values;
    }

    /** The finite number a string holds, or NaN. */
    private static double parse(String s) {
        if (s == null) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(s.strip());
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
