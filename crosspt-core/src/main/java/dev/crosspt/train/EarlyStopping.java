package dev.crosspt.train;

import dev.crosspt.api.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Stops a run once its dev curve has flattened. Few-shot dev curves are noisy and often dip or sit still before
 * they rise, so the rule reads a smoothed curve and waits in proportion to how long the curve took to rise:
 *
 * <ul>
 *   <li>nothing stops before {@code minSteps};
 *   <li>the curve is smoothed by a trailing mean over {@code smoothing} evaluations, so one lucky evaluation
 *       does not set a best that noise then fails to beat;
 *   <li>it stops once the smoothed curve has not beaten its best by more than {@code minDelta} for
 *       {@code patience} evaluations <em>and</em> for at least half as many steps as it took to reach that best
 *       (a curve that rose until step 400 gets 200 more steps to rise again).
 * </ul>
 *
 * <p>It reads only the curve, so a resumed run (whose checkpoint holds the curve so far) stops where the
 * uninterrupted one would.
 *
 * @param minSteps the fewest steps a run trains, 0 or more
 * @param patience evaluations without improvement before stopping, at least 1
 * @param minDelta the smallest rise of the smoothed curve that counts as an improvement, 0 or more
 * @param smoothing evaluations in the trailing mean, at least 1 (1: the raw curve)
 */
public record EarlyStopping(int minSteps, int patience, double minDelta, int smoothing) {

    /** Validates the settings; the messages name each setting by its spec key ({@code early stopping 'min_steps'}). */
    public EarlyStopping {
        check(minSteps, patience, minDelta, smoothing, key -> "early stopping '" + key + "'");
    }

    /**
     * The rule, with a bad value named as the caller's front end names it ({@code --stop-min-steps} for
     * {@code min_steps}).
     *
     * @param name the front end's name of a setting, given its spec key ({@code min_steps}, {@code patience},
     *     {@code min_delta}, {@code smoothing})
     * @throws InvalidInputException naming the first bad value
     */
    public static EarlyStopping checked(int minSteps, int patience, double minDelta, int smoothing,
            UnaryOperator<String> name) {
        check(minSteps, patience, minDelta, smoothing, name);
        return new EarlyStopping(minSteps, patience, minDelta, smoothing);
    }

    private static void check(int minSteps, int patience, double minDelta, int smoothing, UnaryOperator<String> name) {
        require(minSteps >= 0, name.apply("min_steps"), "0 or more steps", minSteps);
        require(patience >= 1, name.apply("patience"), "at least 1 evaluation", patience);
        require(minDelta >= 0 && Double.isFinite(minDelta), name.apply("min_delta"), "0 or more", minDelta);
        require(smoothing >= 1, name.apply("smoothing"), "at least 1 evaluation", smoothing);
    }

    private static void require(boolean ok, String name, String expected, Object got) {
        if (!ok) {
            throw new InvalidInputException(name + ": expected " + expected + ", got " + got);
        }
    }

    /** The rule as a map in a fixed key order, for manifests and {@link TrainingSettings#describe()}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min_steps", minSteps);
        m.put("patience", patience);
        m.put("min_delta", minDelta);
        m.put("smoothing", smoothing);
        return m;
    }

    /**
     * True when the curve has flattened.
     *
     * @param devCurve {@code [step, dev score]} pairs in evaluation order (the first at step 0)
     */
    public boolean flat(List<double[]> devCurve) {
        if (devCurve.isEmpty() || devCurve.get(devCurve.size() - 1)[0] < minSteps) {
            return false;
        }
        double[] smoothed = smoothed(devCurve);
        int best = 0;
        for (int i = 1; i < smoothed.length; i++) {
            if (smoothed[i] > smoothed[best] + minDelta) {
                best = i;
            }
        }
        double bestStep = devCurve.get(best)[0];
        double lastStep = devCurve.get(devCurve.size() - 1)[0];
        return devCurve.size() - 1 - best >= patience && lastStep - bestStep >= bestStep / 2;
    }

    /** The trailing mean of the scores over up to {@code smoothing} evaluations. */
    double[] smoothed(List<double[]> devCurve) {
        double[] out = new double[devCurve.size()];
        for (int i = 0; i < out.length; i++) {
            // summed afresh for every point: a running sum would carry rounding into equal scores
            int from = Math.max(0, i - smoothing + 1);
            double sum = 0;
            for (int j = from; j <= i; j++) {
                sum += devCurve.get(j)[1];
            }
            out[i] = sum / (i - from + 1);
        }
        return out;
    }
}
