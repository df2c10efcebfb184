package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The dev-plateau rule: nothing stops before the minimum, patience counts evaluations of the smoothed curve since
 * its best, and a curve that rose for long gets long to rise again.
 */
class EarlyStoppingTest {

    /** Evaluations 25 steps apart, from step 0. */
    private static List<double[]> curve(double... scores) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            out.add(new double[] {25.0 * i, scores[i]});
        }
        return out;
    }

    @Test
    void stopsOnlyAfterPatienceEvaluationsWithoutANewBest() {
        EarlyStopping rule = new EarlyStopping(0, 3, 0, 1);
        assertFalse(rule.flat(curve(0.5)));
        assertFalse(rule.flat(curve(0.5, 0.6, 0.6, 0.6)), "two evaluations since the best");
        assertTrue(rule.flat(curve(0.5, 0.6, 0.6, 0.6, 0.55)));
        assertFalse(rule.flat(curve(0.5, 0.6, 0.6, 0.6, 0.7)), "a new best resets the count");
    }

    @Test
    void aFewShotCurveThatSitsStillBeforeItRisesIsNotStoppedBeforeTheMinimum() {
        // the shape that stopped the old rule at step 100 with its best at step 0: flat, a dip, then the rise
        double[] scores = {0.5, 0.5, 0.48, 0.5, 0.5, 0.5, 0.5, 0.5, 0.55, 0.62, 0.7, 0.75};
        assertTrue(new EarlyStopping(0, 4, 0, 1).flat(curve(0.5, 0.5, 0.48, 0.5, 0.5)), "the old rule stops");
        EarlyStopping rule = new EarlyStopping(200, 4, 0, 1);
        for (int n = 1; n <= scores.length; n++) {
            assertFalse(rule.flat(curve(java.util.Arrays.copyOf(scores, n))), "stopped after " + n + " evaluations");
        }
    }

    @Test
    void oneLuckyEvaluationDoesNotSetTheBestOfTheSmoothedCurve() {
        // raw: the best is the spike at evaluation 2, five evaluations back; smoothed, the best is three back
        List<double[]> noisy = curve(0.5, 0.55, 0.8, 0.6, 0.62, 0.64, 0.66, 0.68);
        assertTrue(new EarlyStopping(0, 4, 0, 1).flat(noisy));
        assertFalse(new EarlyStopping(0, 4, 0, 3).flat(noisy));
    }

    @Test
    void patienceGrowsWithTheStepsTheCurveTookToRise() {
        // best at step 400 (evaluation 16), then flat: 4 evaluations (100 steps) are not yet half of 400 steps
        double[] scores = new double[25];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i <= 16 ? 0.5 + 0.02 * i : 0.82;
        }
        EarlyStopping rule = new EarlyStopping(0, 4, 0, 1);
        assertFalse(rule.flat(curve(java.util.Arrays.copyOf(scores, 21))), "100 steps after a best at 400");
        assertFalse(rule.flat(curve(java.util.Arrays.copyOf(scores, 24))), "175 steps after it");
        assertTrue(rule.flat(curve(java.util.Arrays.copyOf(scores, 25))), "200 steps after it");
    }

    @Test
    void risesBelowMinDeltaDoNotCount() {
        assertTrue(new EarlyStopping(0, 2, 0.02, 1).flat(curve(0.5, 0.51, 0.515)));
        assertFalse(new EarlyStopping(0, 2, 0.0, 1).flat(curve(0.5, 0.51, 0.515)));
    }

    @Test
    void theSmoothedCurveIsATrailingMean() {
        assertArrayEquals(new double[] {0.2, 0.3, 0.4, 0.6}, new EarlyStopping(0, 1, 0, 3)
                .smoothed(curve(0.2, 0.4, 0.6, 0.8)), 1e-12);
    }

    @Test
    void badSettingsAreRejectedNamingTheSetting() {
        assertMessage("'min_steps': expected 0 or more steps, got -1", () -> new EarlyStopping(-1, 2, 0, 1));
        assertMessage("'patience': expected at least 1 evaluation, got 0", () -> new EarlyStopping(0, 0, 0, 1));
        assertMessage("'min_delta': expected 0 or more, got -1.0", () -> new EarlyStopping(0, 2, -1, 1));
        assertMessage("'min_delta': expected 0 or more, got NaN", () -> new EarlyStopping(0, 2, Double.NaN, 1));
        assertMessage("'smoothing': expected at least 1 evaluation, got 0", () -> new EarlyStopping(0, 2, 0, 0));
    }

    private static void assertMessage(String expected, Executable build) {
        String message = assertThrows(InvalidInputException.class, build).getMessage();
        assertTrue(message.contains(expected), message);
    }

    @Test
    void theMapNamesEverySettingInAFixedOrder() {
        assertEquals("{min_steps=300, patience=3, min_delta=0.0, smoothing=3}",
                new EarlyStopping(300, 3, 0, 3).toMap().toString());
    }
}
