package dev.crosspt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void medianOfOddAndEvenCountsAndTheRange() {
        assertEquals(new Spread(3, 1, 9, 3), Spread.of(9, 1, 3));
        assertEquals(new Spread(2.5, 1, 9, 4), Spread.of(9, 1, 2, 3));
    }

    @Test
    void reciprocalSwapsTheEnds() {
        Spread seconds = Spread.of(2, 4, 5);
        Spread rate = seconds.reciprocal();
        assertEquals(0.25, rate.median());
        assertEquals(0.2, rate.min());
        assertEquals(0.5, rate.max());
        assertEquals(new Spread(8, 4, 10, 3), seconds.times(2));
    }

    @Test
    void noValuesGiveNaN() {
        Spread none = Spread.of();
        assertTrue(Double.isNaN(none.median()));
        assertEquals(0, none.count());
    }
}
