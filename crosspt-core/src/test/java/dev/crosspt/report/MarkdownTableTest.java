package dev.crosspt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paste-ready Markdown table and its console twin. */
class MarkdownTableTest {

    @TempDir
    Path dir;

    /** crosspt: rte 0.8/0.9/1.0, boolq 0.6/0.7/0.8; prompt-tuning: rte 0.5/0.6/0.7, boolq 0.5/0.5/0.5. */
    private static ResultsTable table() {
        List<ResultRow> rows = new ArrayList<>();
        double[][] crosspt = {{0.8, 0.6}, {0.9, 0.7}, {1.0, 0.8}};
        double[][] pt = {{0.5, 0.5}, {0.6, 0.5}, {0.7, 0.5}};
        for (int seed = 0; seed < 3; seed++) {
            rows.add(new ResultRow("crosspt", "rte", 8, seed, "accuracy", crosspt[seed][0]));
            rows.add(new ResultRow("crosspt", "boolq", 8, seed, "accuracy", crosspt[seed][1]));
            rows.add(new ResultRow("prompt-tuning", "rte", 8, seed, "accuracy", pt[seed][0]));
            rows.add(new ResultRow("prompt-tuning", "boolq", 8, seed, "accuracy", pt[seed][1]));
            rows.add(new ResultRow("crosspt", "rte", 8, seed, "loss", 1.5 + seed));
        }
        return ResultsTable.of(rows);
    }

    @Test
    void markdownHasCaptionHeaderAndOneRowPerMethod() {
        List<String> lines = table().toMarkdown("accuracy").lines().toList();
        assertEquals("accuracy (%), mean ± std over 3 seeds", lines.get(0));
        assertEquals("", lines.get(1));
        assertEquals(List.of("method", "rte", "boolq", "mean"), cells(lines.get(2)));
        assertTrue(lines.get(3).matches("\\|:-+\\|(-+:\\|){3}"), lines.get(3));
        assertEquals(List.of("crosspt", "90.0 ± 10.0", "70.0 ± 10.0", "80.0 ± 10.0"), cells(lines.get(4)));
        assertEquals(List.of("prompt-tuning", "60.0 ± 10.0", "50.0 ± 0.0", "55.0 ± 5.0"), cells(lines.get(5)));
        assertEquals(6, lines.size());
    }

    @Test
    void metricsOutsideTheUnitIntervalUseThreeDecimals() {
        List<String> lines = table().toMarkdown("loss").lines().toList();
        assertEquals("loss, mean ± std over 3 seeds", lines.get(0));
        assertEquals(List.of("crosspt", "2.500 ± 1.000", "2.500 ± 1.000"), cells(lines.get(4)));
    }

    @Test
    void severalShotCountsAddAShotsColumnAndPipesAreEscaped() {
        ResultsTable t = ResultsTable.of(List.of(
                new ResultRow("a|b", "t", 0, 1, "acc", 0.25), new ResultRow("a|b", "t", 16, 1, "acc", 0.5)));
        List<String> lines = t.toMarkdown("acc").lines().toList();
        assertEquals("acc (%), mean ± std over 1 seed", lines.get(0));
        assertEquals("| method | shots |          t |       mean |", lines.get(2));
        assertEquals("|:-------|:------|-----------:|-----------:|", lines.get(3));
        assertEquals("| a\\|b   | 0     | 25.0 ± 0.0 | 25.0 ± 0.0 |", lines.get(4));
        assertEquals("| a\\|b   | 16    | 50.0 ± 0.0 | 50.0 ± 0.0 |", lines.get(5));
    }

    @Test
    void consoleTableIsFixedWidth() {
        List<String> lines = table().toConsoleTable("accuracy").lines().toList();
        assertEquals("accuracy (%), mean ± std over 3 seeds", lines.get(0));
        assertEquals("method                 rte        boolq         mean", lines.get(1));
        assertTrue(lines.get(2).matches("-{13}  -{11}  -{11}  -{11}"), lines.get(2));
        assertEquals("crosspt        90.0 ± 10.0  70.0 ± 10.0  80.0 ± 10.0", lines.get(3));
        assertEquals("prompt-tuning  60.0 ± 10.0   50.0 ± 0.0   55.0 ± 5.0", lines.get(4));
    }

    @Test
    void unknownMetricListsTheKnownOnes() {
        String msg = assertThrows(IllegalArgumentException.class, () -> table().toMarkdown("bleu")).getMessage();
        assertEquals("no results for metric 'bleu', the metrics are [accuracy, loss]", msg);
    }

    @Test
    void writeMarkdownWritesTheSameText() throws IOException {
        Path file = dir.resolve("table.md");
        table().writeMarkdown(file, "accuracy");
        assertEquals(table().toMarkdown("accuracy"), Files.readString(file));
    }

    private static List<String> cells(String markdownRow) {
        String inner = markdownRow.substring(1, markdownRow.length() - 1);
        return List.of(inner.split("(?<!\\\\)\\|")).stream().map(String::strip).toList();
    }
}
