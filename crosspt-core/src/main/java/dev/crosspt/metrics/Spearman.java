package dev.crosspt.metrics;

import java.util.List;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Spearman's rank correlation of numeric predictions with numeric gold values, as GLUE reports it for STS-B,
 * computed by commons-math's {@link SpearmansCorrelation} (tied values get their average rank, as SciPy's
 * {@code spearmanr} does).
 *
 * <p>Predictions that are not numbers and undefined correlations are handled as {@link Pearson} documents:
 * replaced by {@code missingValue} (default {@value Pearson#STSB_MIDPOINT}), and scored 0 respectively.
 *
 * @param missingValue the number that stands in for a prediction that is not a number
 */
public record Spearman(double missingValue) implements Metric {

    /** The name {@code spearman}. */
    public static final String NAME = "spearman";

    /** Rejects a stand-in that is not finite. */
    public Spearman {
        if (!Double.isFinite(missingValue)) {
            throw new IllegalArgumentException(NAME + ": the stand-in for a missing prediction must be finite, got "
                    + missingValue);
        }
    }

    /** Uses {@value Pearson#STSB_MIDPOINT} for predictions that are not numbers. */
    public Spearman() {
        this(Pearson.STSB_MIDPOINT);
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
        return g.length < 2 ? 0.0 : Pearson.orZero(new SpearmansCorrelation().correlation(g, p));
    }
}
