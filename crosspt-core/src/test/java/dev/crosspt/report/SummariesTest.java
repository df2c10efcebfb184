package dev.crosspt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Mean, sample std and t-interval per task, and the across-task average over per-seed means. */
class SummariesTest {

    private static ResultRow row(String method, String task, long seed, double value) {
        return new ResultRow(method, task, 4, seed, "accuracy", value);
    }

    private static Summary find(List<Summary> all, String method, String task) {
        return all.stream().filter(s -> s.method().equals(method) && s.task().equals(task)).findFirst()
                .orElseThrow(() -> new AssertionError("no summary for " + method + "/" + task + " in " + all));
    }

    @Test
    void meanStdAndCi95MatchHandComputedValues() {
        Summary s = ResultsTable.of(List.of(row("a", "t", 1, 0.8), row("a", "t", 2, 0.9), row("a", "t", 3, 1.0)))
                .summarize().get(0);
        assertEquals(3, s.n());
        assertEquals(0.9, s.mean(), 1e-12);
        assertEquals(0.1, s.std(), 1e-12);
        // t(0.975, df 2) = 4.302653; 4.302653 * 0.1 / sqrt(3) = 0.248414
        assertEquals(0.248414, s.ci95(), 1e-6);
    }

    @Test
    void singleSeedHasZeroStdAndNoInterval() {
        Summary s = ResultsTable.of(List.of(row("a", "t", 1, 0.7))).summarize().get(0);
        assertEquals(1, s.n());
        assertEquals(0.0, s.std());
        assertTrue(Double.isNaN(s.ci95()));
    }

    @Test
    void taskMeanAveragesEachSeedAcrossTasks() {
        List<Summary> all = ResultsTable.of(List.of(
                row("a", "t1", 1, 0.5), row("a", "t2", 1, 0.9),
                row("a", "t1", 2, 0.7), row("a", "t2", 2, 1.0),
                row("b", "t1", 1, 0.2))).summarize();
        // per-task rows first, in first-seen order, then the aggregates
        assertEquals(List.of("a/t1", "a/t2", "b/t1", "a/mean", "b/mean"),
                all.stream().map(s -> s.method() + "/" + s.task()).toList());
        Summary mean = find(all, "a", Summary.MEAN_TASK);
        assertTrue(mean.isTaskMean());
        // seed averages 0.7 and 0.85
        assertEquals(2, mean.n());
        assertEquals(0.775, mean.mean(), 1e-12);
        assertEquals(0.15 / Math.sqrt(2), mean.std(), 1e-12);
        // t(0.975, df 1) = 12.706205; 12.706205 * 0.106066 / sqrt(2) = 0.952965
        assertEquals(0.952965, mean.ci95(), 1e-6);
        assertEquals(4, mean.shots());
        assertEquals("accuracy", mean.metric());
    }

    @Test
    void seedMissingATaskIsLeftOutOfTheTaskMean() {
        List<Summary> all = ResultsTable.of(List.of(
                row("a", "t1", 1, 0.5), row("a", "t2", 1, 0.7),
                row("a", "t1", 2, 0.9))).summarize();
        Summary mean = find(all, "a", Summary.MEAN_TASK);
        assertEquals(1, mean.n(), "only seed 1 has both tasks");
        assertEquals(0.6, mean.mean(), 1e-12);
        assertEquals(2, find(all, "a", "t1").n());
    }

    @Test
    void groupsAreKeptApartByShotsAndMetric() {
        List<Summary> all = ResultsTable.of(List.of(
                new ResultRow("a", "t", 0, 1, "accuracy", 0.5), new ResultRow("a", "t", 4, 1, "accuracy", 0.7),
                new ResultRow("a", "t", 4, 1, "f1", 0.6))).summarize();
        assertEquals(6, all.size(), all.toString());
        assertFalse(all.stream().anyMatch(s -> s.n() != 1));
    }

    @Test
    void summaryRejectsInconsistentStatistics() {
        assertThrows(IllegalArgumentException.class, () -> new Summary("a", "t", 0, "m", 1, 0.5, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Summary("a", "t", 0, "m", 2, 0.5, -1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Summary("a", "t", 0, "m", 0, 0.5, 0, Double.NaN));
    }
}
