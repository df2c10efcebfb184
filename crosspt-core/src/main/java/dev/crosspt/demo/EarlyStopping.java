package dev.crosspt.demo;

import dev.crosspt.api.InvalidInputException;
import java.util.List;

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

    /** Validates the settings. */
    public EarlyStopping {
        if (minSteps < 0) {
            throw new InvalidInputException("--min-steps: expected 0 or more steps, got " + minSteps);
        }
        if (patience < 1) {
            throw new InvalidInputException("--patience: expected at least 1 evaluation, got " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new InvalidInputException("early stopping min delta: expected 0 or more, got " + minDelta);
        }
        if (smoothing < 1) {
            throw new InvalidInputException("early stopping smoothing: expected at least 1 evaluation, got " + smoothing);
        }
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
