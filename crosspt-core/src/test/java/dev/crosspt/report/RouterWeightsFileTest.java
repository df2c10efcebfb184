package dev.crosspt.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Router weights survive a CSV round trip exactly; malformed files name the line. */
class RouterWeightsFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTrip() throws IOException {
        Path csv = dir.resolve("router.csv");
        double[][] w = {{0.1 + 0.2, 0.7}, {1.0 / 3, 2.0 / 3}};
        RouterWeightsFile.write(csv, List.of("rte", "mnli, matched"), List.of("src1", "src\"2\""), w);
        assertEquals("task,src1,\"src\"\"2\"\"\"", Files.readAllLines(csv).get(0));
        List<String> tasks = new ArrayList<>(List.of("stale"));
        List<String> sources = new ArrayList<>();
        double[][] back = RouterWeightsFile.read(csv, tasks, sources);
        assertEquals(List.of("rte", "mnli, matched"), tasks);
        assertEquals(List.of("src1", "src\"2\""), sources);
        assertArrayEquals(w[0], back[0]);
        assertArrayEquals(w[1], back[1]);
    }

    @Test
    void writeRejectsWrongShape() {
        String msg = assertThrows(IllegalArgumentException.class, () -> RouterWeightsFile.write(
                dir.resolve("w.csv"), List.of("a"), List.of("s1", "s2"), new double[][] {{0.5}})).getMessage();
        assertEquals("weights have shape [1 x 1], expected [1 tasks x 2 sources]", msg);
    }

    private String errorFor(String content) throws IOException {
        Path csv = dir.resolve("w.csv");
        Files.writeString(csv, content);
        return assertThrows(InvalidInputException.class,
                () -> RouterWeightsFile.read(csv, new ArrayList<>(), new ArrayList<>())).getMessage();
    }

    @Test
    void malformedFilesNameTheLine() throws IOException {
        String fields = errorFor("task,s1,s2\na,0.5,0.5\nb,0.5\n");
        assertTrue(fields.endsWith("w.csv:3: expected 3 fields, got 2"), fields);
        String number = errorFor("task,s1\na,lots\n");
        assertTrue(number.endsWith("w.csv:2: source 's1': expected a number, got 'lots'"), number);
        String header = errorFor("name,s1\na,0.5\n");
        assertTrue(header.contains("w.csv:1: expected a header task,<source1>,..."), header);
        String dup = errorFor("task,s1\na,0.5\na,0.4\n");
        assertTrue(dup.contains("w.csv:3: expected a new, non-blank task name, got 'a'"), dup);
        assertTrue(errorFor("task,s1\n").contains("no task lines"));
    }
}
