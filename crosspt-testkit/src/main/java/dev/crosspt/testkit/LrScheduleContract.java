package dev.crosspt.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crosspt.api.schedule.LrSchedule;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LrSchedule}, as tests any implementation can run: the multiplier is finite and
 * non-negative at every step {@code 0..totalSteps} of runs of 1, 10 and 1000 steps, the same for the same
 * step, and {@link LrSchedule#rate} is the base rate times it.
 *
 * <p>A third-party schedule runs it from its own tests:
 *
 * <pre>{@code
 * class StepDecayScheduleTest implements LrScheduleContract {
 *     public LrSchedule createSchedule() {
 *         return new StepDecaySchedule(0.5, 100);
 *     }
 * }
 * }</pre>
 */
public interface LrScheduleContract {

    /** A new schedule under test. */
    LrSchedule createSchedule();

    /** Finite and non-negative at every step of runs of 1, 10 and 1000 steps. */
    @Test
    default void multiplierIsFiniteAndNonNegativeAtEveryStep() {
        LrSchedule schedule = createSchedule();
        for (long total : new long[] {1, 10, 1000}) {
            for (long step = 0; step <= total; step++) {
                double m = schedule.multiplier(step, total);
                if (!Double.isFinite(m) || m < 0) {
                    fail("multiplier(" + step + ", " + total + ") = " + m + ": must be finite and non-negative");
                }
            }
        }
    }

    /** The same step gives the same multiplier, from the same schedule and from a new one. */
    @Test
    default void multiplierIsDeterministic() {
        LrSchedule first = createSchedule();
        LrSchedule second = createSchedule();
        for (long step = 0; step <= 100; step++) {
            double m = first.multiplier(step, 100);
            assertEquals(m, first.multiplier(step, 100), "multiplier(" + step + ", 100) asked twice");
            assertEquals(m, second.multiplier(step, 100), "multiplier(" + step + ", 100) of two new schedules");
        }
    }

    /** {@code rate(base, step, total)} is {@code base * multiplier(step, total)}. */
    @Test
    default void rateIsTheBaseRateTimesTheMultiplier() {
        LrSchedule schedule = createSchedule();
        for (long step = 0; step <= 20; step++) {
            double expected = 0.3 * schedule.multiplier(step, 20);
            assertEquals(expected, schedule.rate(0.3, step, 20), 1e-12, "rate(0.3, " + step + ", 20)");
            assertTrue(Double.isFinite(expected));
        }
    }
}
