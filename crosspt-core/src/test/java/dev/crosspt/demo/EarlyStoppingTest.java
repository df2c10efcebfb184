package dev.crosspt.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dev-plateau rule: patience counts evaluations since the last real improvement. */
class EarlyStoppingTest {

    private static List<double[]> curve(double... scores) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            out.add(new double[] {25.0 * i, scores[i]});
        }
        return out;
    }

    @Test
    void stopsOnlyAfterPatienceEvaluationsWithoutANewBest() {
        EarlyStopping rule = new EarlyStopping(3, 0);
        assertFalse(rule.flat(curve(0.5)));
        assertFalse(rule.flat(curve(0.5, 0.6, 0.6, 0.6)), "two evaluations since the best");
        assertTrue(rule.flat(curve(0.5, 0.6, 0.6, 0.6, 0.55)));
        assertFalse(rule.flat(curve(0.5, 0.6, 0.6, 0.6, 0.7)), "a new best resets the count");
    }

    @Test
    void risesBelowMinDeltaDoNotCount() {
        assertTrue(new EarlyStopping(2, 0.02).flat(curve(0.5, 0.51, 0.515)));
        assertFalse(new EarlyStopping(2, 0.0).flat(curve(0.5, 0.51, 0.515)));
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(InvalidInputException.class, () -> new EarlyStopping(0, 0));
        assertThrows(InvalidInputException.class, () -> new EarlyStopping(2, -1));
    }
}
