package dev.crosspt.train;

import java.util.List;

/**
 * Signs of the paper's failure modes in one task's router weights and dev curve.
 *
 * <ul>
 *   <li><b>Flat attention</b>: the effective number of candidates {@code exp(H)} (H the entropy of the task's
 *       weights over its K candidates) is at least {@value #FLAT_FRACTION} of K: the router barely prefers any
 *       prompt, so the composed prompt is close to the plain mean (checked only for K of 2 or more).
 *   <li><b>Collapse</b>: the task's dev score at the last evaluation is below its step-0 value (training made the
 *       task worse than the untrained prompts), or the dev score oscillates: among the last
 *       {@value #OSCILLATION_WINDOW} evaluations it changes direction at least {@value #OSCILLATION_TURNS} times
 *       with moves of at least {@value #OSCILLATION_MOVE} each (the paper's collapse when the private rate
 *       reaches the shared one shows as both).
 * </ul>
 *
 * @param entropy H of the task's weights, natural log
 * @param effectiveCandidates {@code exp(H)}, between 1 and K
 * @param privateMass the weight on the task's private prompt (0 without one)
 * @param flat whether attention is flat, as defined above
 */
public record RouterDiagnostics(double entropy, double effectiveCandidates, double privateMass, boolean flat) {

    /** Share of K the effective number of candidates must reach for attention to count as flat. */
    public static final double FLAT_FRACTION = 0.9;
    /** Evaluations looked at for oscillation. */
    public static final int OSCILLATION_WINDOW = 5;
    /** Direction changes within the window that make an oscillation. */
    public static final int OSCILLATION_TURNS = 3;
    /** Smallest dev-score move (0-1 scale) that counts as a move. */
    public static final double OSCILLATION_MOVE = 0.05;

    /**
     * The diagnostics of one task's weights.
     *
     * @param weights the task's weights over its K candidates, summing to 1
     * @param hasPrivate whether the last candidate is the task's private prompt
     */
    public static RouterDiagnostics of(double[] weights, boolean hasPrivate) {
        double entropy = 0;
        for (double w : weights) {
            if (w > 0) {
                entropy -= w * Math.log(w);
            }
        }
        double effective = Math.exp(entropy);
        int k = weights.length;
        return new RouterDiagnostics(entropy, effective, hasPrivate ? weights[k - 1] : 0.0,
                k >= 2 && effective >= FLAT_FRACTION * k);
    }

    /**
     * Whether a task's dev curve shows collapse, as defined above.
     *
     * @param devScores the task's dev score at every evaluation, the step-0 one first
     */
    public static boolean collapsed(List<Double> devScores) {
        if (devScores.size() < 2) {
            return false;
        }
        if (devScores.get(devScores.size() - 1) < devScores.get(0)) {
            return true;
        }
        List<Double> last = devScores.subList(Math.max(0, devScores.size() - OSCILLATION_WINDOW), devScores.size());
        int turns = 0;
        int direction = 0;
        for (int i = 1; i < last.size(); i++) {
            double move = last.get(i) - last.get(i - 1);
            if (Math.abs(move) < OSCILLATION_MOVE) {
                continue;
            }
            int now = move > 0 ? 1 : -1;
            if (direction != 0 && now != direction) {
                turns++;
            }
            direction = now;
        }
        return turns >= OSCILLATION_TURNS;
    }
}
