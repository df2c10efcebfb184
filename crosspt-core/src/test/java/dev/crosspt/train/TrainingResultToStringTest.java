package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Printing a result shows its numbers, not {@code [D@...}. */
class TrainingResultToStringTest {

    @Test
    void curvesAndRouterWeightsArePrintedAsNumbers() {
        TrainingResult result = new TrainingResult(List.of("rte", "mrpc"), List.of(0.625, 0.7), List.of(0.6, 0.75),
                "score", List.of(Map.of(), Map.of()), 50, List.of(new double[] {1, 2.5}),
                List.of(new double[] {0, 0.5}, new double[] {50, 0.675}), List.of("source-1", "private"),
                new double[][] {{0.25, 0.75}, {0.5, 0.5}}, Map.of(), null, Map.of());
        String text = result.toString();
        assertFalse(text.contains("[D@"), text);
        assertTrue(text.contains("rte: test 0.6250, dev 0.6000, router [(0.2500, 0.7500)]"), text);
        assertTrue(text.contains("dev curve [(0, 0.5000), (50, 0.6750)]"), text);
        assertTrue(text.contains("score at best step 50"), text);
    }
}
