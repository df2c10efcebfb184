package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.cli.CliTestSupport.Run;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./crosspt bench learnability}: vanilla prompt tuning on the full pools of the demo tasks reaches the 80%
 * target on every task, so that the demo's few-shot comparison is about something learnable.
 */
class LearnabilityTest {

    @Test
    void everyDemoTaskIsLearnableWithVanillaPromptTuning() {
        Run run = CliTestSupport.run("bench", "learnability", "--model-cache", DemoModelCache.path().toString());
        for (String task : List.of("colour", "animal", "fruit", "tool")) {
            Matcher row = Pattern.compile("(?m)^\\| " + task + " \\| ([0-9.]+)% \\|").matcher(run.out());
            assertTrue(row.find(), "no row for " + task + "\n" + run.describe());
            double accuracy = Double.parseDouble(row.group(1));
            assertTrue(accuracy >= 80, task + " reached " + accuracy + "%\n" + run.describe());
        }
        assertTrue(run.out().contains("PASS"), run::describe);
        assertEquals(0, run.exitCode(), run::describe);
    }
}
