package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.cli.CliTestSupport.Run;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code ./crosspt plugins} lists every built-in plugin under its SPI. */
class PluginsCommandTest {

    @Test
    void listsEveryBuiltInPluginWithADescription() {
        Run run = CliTestSupport.run("plugins");
        assertEquals(0, run.exitCode(), run::describe);
        for (String name : List.of("t5", "softmax", "topk", "relaxed-bernoulli", "learned-pruning", "weighted-sum",
                "concat", "constant", "linear-warmup", "cosine")) {
            // an entry line: indented name, then its description
            assertTrue(Pattern.compile("(?m)^\\s+" + Pattern.quote(name) + "\\s+\\S").matcher(run.out()).find(),
                    "no entry for " + name + "\n" + run.describe());
        }
        for (String spi : List.of("BackboneAdapter", "Router", "SourceSelector", "PromptComposer", "LrSchedule")) {
            assertTrue(run.out().contains(spi + " ("), "no section for " + spi + "\n" + run.describe());
        }
        assertTrue(!run.out().contains("(none found)"), run::describe);
    }

    @Test
    void executeReturnsZero() {
        assertEquals(0, Main.execute("plugins"));
    }
}
