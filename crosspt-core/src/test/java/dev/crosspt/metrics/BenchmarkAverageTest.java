package dev.crosspt.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkAverageTest {

    private static final double EPS = 1e-12;

    @Test
    void glueAverageExcludesWnli() {
        Map<String, Double> scores = new HashMap<>();
        double sum = 0;
        for (int i = 0; i < BenchmarkAverage.GLUE_TASKS.size(); i++) {
            scores.put(BenchmarkAverage.GLUE_TASKS.get(i), 0.5 + 0.05 * i);
            sum += 0.5 + 0.05 * i;
        }
        scores.put("wnli", 0.0);
        scores.put("boolq", 1.0);
        BenchmarkAverage.Average avg = BenchmarkAverage.glueAverage(scores);
        assertEquals(sum / 8, avg.value(), EPS);
        assertEquals(sum / 8, BenchmarkAverage.glue(scores), EPS);
        assertEquals(BenchmarkAverage.GLUE_TASKS, avg.included());
        assertTrue(avg.complete());
    }

    @Test
    void glueReportsMissingTasks() {
        BenchmarkAverage.Average avg = BenchmarkAverage.glueAverage(Map.of("RTE", 0.6, "mrpc", 0.8, "wnli", 0.1));
        assertEquals(0.7, avg.value(), EPS);
        assertEquals(List.of("mrpc", "rte"), avg.included());
        assertEquals(List.of("cola", "sst2", "qqp", "stsb", "mnli", "qnli"), avg.missing());
        assertFalse(avg.complete());
    }

    @Test
    void superglueCountsOptionalTasksWithoutReportingThemMissing() {
        Map<String, Double> scores = Map.of("boolq", 0.7, "cb", 0.8, "copa", 0.6, "sg-rte", 0.7, "wic", 0.5,
                "multirc", 0.3, "rte", 1.0);
        BenchmarkAverage.Average avg = BenchmarkAverage.superglueAverage(scores);
        assertEquals((0.7 + 0.8 + 0.6 + 0.7 + 0.5 + 0.3) / 6, avg.value(), EPS);
        assertTrue(avg.complete());
        assertEquals(List.of("wic"), BenchmarkAverage.superglueAverage(Map.of("boolq", 0.7, "cb", 0.8, "copa",
                0.6, "sg-rte", 0.7)).missing());
    }

    @Test
    void noTaskOfTheBenchmarkIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BenchmarkAverage.glue(Map.of("wnli", 0.5)));
        assertTrue(e.getMessage().contains("GLUE") && e.getMessage().contains("wnli"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> BenchmarkAverage.superglue(Map.of("cb", Double.NaN)));
    }
}
