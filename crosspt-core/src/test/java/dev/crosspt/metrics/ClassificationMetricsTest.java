package dev.crosspt.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    private static final double EPS = 1e-12;

    @Test
    void accuracyCountsExactMatchesAfterStripping() {
        List<String> gold = List.of("1", "0", "1", "1");
        List<String> predicted = List.of("1", "1", " 1\n", "0");
        assertEquals(0.5, new Accuracy().compute(gold, predicted), EPS);
    }

    @Test
    void nullPredictionIsWrong() {
        assertEquals(0.5, new Accuracy().compute(List.of("a", "b"), Arrays.asList("a", null)), EPS);
    }

    @Test
    void f1OfThePositiveLabel() {
        // tp = 2, fn = 2 (one of them "yes", no label at all), fp = 1: F1 = 2*2 / (2*2 + 1 + 2) = 4/7
        List<String> gold = List.of("1", "1", "1", "0", "0", "0", "1");
        List<String> predicted = List.of("1", "1", "0", "1", "0", "0", "yes");
        assertEquals(4.0 / 7.0, new F1("1").compute(gold, predicted), EPS);
    }

    @Test
    void f1IsZeroWhenUndefined() {
        assertEquals(0.0, new F1("1").compute(List.of("0", "0"), List.of("0", "0")), EPS);
    }

    @Test
    void matthewsOfAKnownConfusionMatrix() {
        // tp = 6, tn = 3, fp = 1, fn = 2: (18 - 2) / sqrt(7 * 8 * 4 * 5)
        List<String> gold = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        add(gold, predicted, "1", "1", 6);
        add(gold, predicted, "0", "0", 3);
        add(gold, predicted, "0", "1", 1);
        add(gold, predicted, "1", "0", 2);
        double expected = 16.0 / Math.sqrt(1120.0);
        assertEquals(expected, new MatthewsCorrelation("1", "0").compute(gold, predicted), EPS);
        assertEquals(expected, MatthewsCorrelation.of(6, 3, 1, 2), EPS);
    }

    @Test
    void matthewsCountsANonLabelPredictionAsWrong() {
        // the false positive above written as "banana": still a false positive, same value
        List<String> gold = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        add(gold, predicted, "1", "1", 6);
        add(gold, predicted, "0", "0", 3);
        add(gold, predicted, "0", "banana", 1);
        add(gold, predicted, "1", "0", 2);
        assertEquals(16.0 / Math.sqrt(1120.0), new MatthewsCorrelation("1", "0").compute(gold, predicted), EPS);
    }

    @Test
    void matthewsExtremesAndUndefined() {
        MatthewsCorrelation mcc = new MatthewsCorrelation("1", "0");
        assertEquals(1.0, mcc.compute(List.of("1", "0", "1"), List.of("1", "0", "1")), EPS);
        assertEquals(-1.0, mcc.compute(List.of("1", "0", "1"), List.of("0", "1", "0")), EPS);
        assertEquals(0.0, mcc.compute(List.of("1", "0", "1"), List.of("1", "1", "1")), EPS);
    }

    @Test
    void matthewsRejectsAGoldLabelOutsideTheTwo() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new MatthewsCorrelation("1", "0").compute(List.of("1", "2"), List.of("1", "1")));
        assertTrue(e.getMessage().contains("index 1") && e.getMessage().contains("'2'"), e.getMessage());
    }

    @Test
    void macroF1AveragesPerLabelF1() {
        // e: tp 1, fp 1, fn 1 -> 1/2; c: tp 2, fp 1 -> 4/5; n: tp 1, fn 1 -> 2/3; mean 59/90
        List<String> gold = List.of("e", "e", "c", "c", "n", "n");
        List<String> predicted = List.of("e", "c", "c", "c", "n", "e");
        assertEquals(59.0 / 90.0, new MacroF1().compute(gold, predicted), EPS);
        assertEquals(59.0 / 90.0, new MacroF1(List.of("c", "e", "n")).compute(gold, predicted), EPS);
    }

    @Test
    void macroF1OverExplicitLabelsCountsAnAbsentLabelAsZero() {
        // only "e" occurs; with labels e, c the absent c has F1 0
        assertEquals(0.5, new MacroF1(List.of("e", "c")).compute(List.of("e"), List.of("e")), EPS);
    }

    @Test
    void sizesMustMatchAndNotBeEmpty() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new Accuracy().compute(List.of("1", "0"), List.of("1")));
        assertTrue(e.getMessage().contains("accuracy") && e.getMessage().contains("2 gold labels")
                && e.getMessage().contains("1 predictions"), e.getMessage());
        InvalidInputException empty = assertThrows(InvalidInputException.class,
                () -> new F1("1").compute(List.of(), List.of()));
        assertTrue(empty.getMessage().startsWith("f1:"), empty.getMessage());
        assertThrows(InvalidInputException.class,
                () -> new Accuracy().compute(Arrays.asList("1", null), List.of("1", "1")));
    }

    private static void add(List<String> gold, List<String> predicted, String g, String p, int times) {
        for (int i = 0; i < times; i++) {
            gold.add(g);
            predicted.add(p);
        }
    }
}
