package dev.crosspt.demo;

import dev.crosspt.api.InvalidInputException;
import java.util.List;

/**
 * Stops a run once its dev curve has flattened: after {@code patience} evaluations in a row that did not raise
 * the best dev score by more than {@code minDelta}. It reads only the curve, so a resumed run (whose checkpoint
 * holds the curve so far) stops where the uninterrupted one would.
 *
 * @param patience evaluations without improvement before stopping, at least 1
 * @param minDelta the smallest rise that counts as an improvement, 0 or more
 */
public record EarlyStopping(int patience, double minDelta) {

    /** Validates the settings. */
    public EarlyStopping {
        if (patience < 1) {
            throw new InvalidInputException("--patience: expected at least 1 evaluation, got " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new InvalidInputException("early stopping min delta: expected 0 or more, got " + minDelta);
        }
    }

    /**
     * True when the curve has flattened.
     *
     * @param devCurve {@code [step, dev score]} pairs in evaluation order (the first at step 0)
     */
    public boolean flat(List<double[]> devCurve) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < devCurve.size(); i++) {
            double score = devCurve.get(i)[1];
            if (best < 0 || score > bestScore + minDelta) {
                best = i;
                bestScore = score;
            }
        }
        return best >= 0 && devCurve.size() - 1 - best >= patience;
    }
}
