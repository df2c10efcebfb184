package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.cli.CliTestSupport.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./crosspt demo} with bad settings: exit 2, one line naming the flag and the value, nothing written. */
class DemoCommandInputTest {

    @Test
    void anUnknownSuiteRelatednessPatienceOrMinStepsIsBadInputOnOneLine(@TempDir Path dir) {
        for (String[] bad : List.of(new String[] {"--suite", "nested"}, new String[] {"--relatedness", "0.7"},
                new String[] {"--patience", "0"}, new String[] {"--min-steps", "-1"})) {
            Path target = dir.resolve("demo");
            Run run = CliTestSupport.run("demo", "--out", target.toString(), bad[0], bad[1]);
            assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
            List<String> lines = run.err().lines().toList();
            assertEquals(1, lines.size(), run::describe);
            assertTrue(lines.get(0).contains(bad[0]) && lines.get(0).contains(bad[1]), run::describe);
            assertFalse(Files.exists(target), "bad input still created " + target);
        }
    }

    @Test
    void oneShotIsBadInputOnOneLine(@TempDir Path dir) {
        Path target = dir.resolve("demo");
        Run run = CliTestSupport.run("demo", "--out", target.toString(), "--shots", "1");
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run::describe);
        assertTrue(lines.get(0).startsWith("crosspt: ") && lines.get(0).contains("--shots"), run::describe);
        assertFalse(Files.exists(target), "bad input still created " + target);
    }
}
