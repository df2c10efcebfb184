package dev.crosspt.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final double EPS = 1e-12;

    @Test
    void metricsInThePapersOrder() {
        assertEquals(List.of("matthews"), names("cola"));
        assertEquals(List.of("accuracy"), names("sst2"));
        assertEquals(List.of("f1", "accuracy"), names("mrpc"));
        assertEquals(List.of("f1", "accuracy"), names("QQP"));
        assertEquals(List.of("pearson", "spearman"), names("stsb"));
        assertEquals(List.of("accuracy", "f1_macro"), names("cb"));
        for (String t : List.of("mnli", "qnli", "rte", "wnli", "boolq", "copa", "sg-rte", "wic", "unheard-of")) {
            assertEquals(List.of("accuracy"), names(t), t);
        }
        assertEquals(new F1("1"), Metrics.forTask("mrpc").get(0));
        assertEquals(new MatthewsCorrelation("1", "0"), Metrics.forTask("cola").get(0));
    }

    @Test
    void mrpcPrimaryScoreIsTheMeanOfF1AndAccuracy() {
        assertEquals(0.75, Metrics.primaryScore("mrpc", Map.of("f1", 0.8, "accuracy", 0.7)), EPS);
        assertEquals(0.85, Metrics.primaryScore("stsb", Map.of("pearson", 0.9, "spearman", 0.8, "x", 0.0)), EPS);
        assertEquals(0.4, Metrics.primaryScore("cola", Map.of("matthews", 0.4)), EPS);
    }

    @Test
    void evaluateThenPrimaryScore() {
        // gold 1 1 0 0, predicted 1 0 0 0: accuracy 3/4, F1 = 2/(2+0+1) = 2/3
        Map<String, Double> values = Metrics.evaluate("mrpc", List.of("1", "1", "0", "0"), List.of("1", "0", "0", "0"));
        assertEquals(List.of("f1", "accuracy"), List.copyOf(values.keySet()));
        assertEquals((2.0 / 3.0 + 0.75) / 2, Metrics.primaryScore("mrpc", values), EPS);
    }

    @Test
    void primaryScoreNamesTheMissingMetric() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Metrics.primaryScore("mrpc", Map.of("accuracy", 0.7)));
        assertTrue(e.getMessage().contains("mrpc") && e.getMessage().contains("'f1'"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Metrics.primaryScore("rte", Map.of("accuracy", Double.NaN)));
    }

    private static List<String> names(String task) {
        return Metrics.forTask(task).stream().map(Metric::name).toList();
    }
}
