package dev.crosspt.metrics;

import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * Pearson's correlation of numeric predictions with numeric gold values, as GLUE reports it for STS-B,
 * computed by commons-math's {@link PearsonsCorrelation}.
 *
 * <p>Gold values must be finite numbers. A prediction that is missing, is not a number (the decoder wrote a
 * word) or is not finite is treated as missing and replaced by {@code missingValue}, by default
 * {@value #STSB_MIDPOINT}, the midpoint of STS-B's 0 to 5 scale: an uninformed guess rather than a value that
 * drags the correlation in one direction. How many were replaced is logged as a warning.
 *
 * <p>Where the correlation is undefined (fewer than two examples, or constant predictions or gold values) it is
 * scored 0: a model that always answers the same number has no correlation to show.
 *
 * @param missingValue the number that stands in for a prediction that is not a number
 */
public record Pearson(double missingValue) implements Metric {

    /** The name {@code pearson}. */
    public static final String NAME = "pearson";

    /** The midpoint of STS-B's similarity scale, the default stand-in for a prediction that is not a number. */
    public static final double STSB_MIDPOINT = 2.5;

    /** Rejects a stand-in that is not finite. */
    public Pearson {
        if (!Double.isFinite(missingValue)) {
            throw new IllegalArgumentException(NAME + ": the stand-in for a missing prediction must be finite, got "
                    + missingValue);
        }
    }

    /** Uses {@value #STSB_MIDPOINT} for predictions that are not numbers. */
    public Pearson() {
        this(STSB_MIDPOINT);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double compute(List<String> gold, List<String> predicted) {
        MetricInputs.check(NAME, gold, predicted);
        double[] g = RegressionValues.gold(NAME, gold);
        double[] p = RegressionValues.predictions(NAME, predicted, missingValue);
        return g.length < 2 ? 0.0 : orZero(new PearsonsCorrelation().correlation(g, p));
    }

    /** NaN (an undefined correlation) as 0. */
    static double orZero(double r) {
        return Double.isNaN(r) ? 0.0 : r;
    }
}
