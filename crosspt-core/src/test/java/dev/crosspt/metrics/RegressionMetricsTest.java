package dev.crosspt.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

    private static final double EPS = 1e-12;
    private static final List<String> X = List.of("1", "2", "3", "4", "5");
    private static final List<String> Y = List.of("2", "4", "5", "4", "5");

    @Test
    void pearsonByHand() {
        // dx = -2..2, dy = -2, 0, 1, 0, 1: sum dx dy = 6, sxx = 10, syy = 6
        assertEquals(6.0 / Math.sqrt(60.0), new Pearson().compute(X, Y), EPS);
    }

    @Test
    void spearmanAveragesTiedRanks() {
        // ranks of Y: 1, 2.5, 4.5, 2.5, 4.5: sum dx dr = 7, srr = 9, sxx = 10
        assertEquals(7.0 / Math.sqrt(90.0), new Spearman().compute(X, Y), EPS);
    }

    @Test
    void constantPredictionsScoreZero() {
        List<String> constant = List.of("3", "3", "3", "3", "3");
        assertEquals(0.0, new Pearson().compute(X, constant), EPS);
        assertEquals(0.0, new Spearman().compute(X, constant), EPS);
        assertEquals(0.0, new Pearson().compute(List.of("1"), List.of("1")), EPS);
    }

    @Test
    void aPredictionThatIsNoNumberCountsAsTheMidpoint() {
        List<String> words = Arrays.asList("2", "4", "similar", "4", null);
        List<String> midpoints = List.of("2", "4", "2.5", "4", "2.5");
        assertEquals(new Pearson().compute(X, midpoints), new Pearson().compute(X, words), EPS);
        assertEquals(new Spearman().compute(X, midpoints), new Spearman().compute(X, words), EPS);
        assertEquals(new Pearson().compute(X, List.of("2", "4", "0", "4", "0")),
                new Pearson(0.0).compute(X, words), EPS);
        assertEquals(new Pearson().compute(X, midpoints), new Pearson().compute(X,
                List.of("2", "4", "NaN", "4", "Infinity")), EPS);
    }

    @Test
    void goldMustBeNumbers() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new Spearman().compute(List.of("1", "x"), List.of("1", "2")));
        assertTrue(e.getMessage().contains("spearman") && e.getMessage().contains("index 1")
                && e.getMessage().contains("'x'"), e.getMessage());
    }
}
