package dev.crosspt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.backbone.BackboneOptions;
import dev.crosspt.testkit.RepositoryTestData;
import dev.crosspt.train.TrainingResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Training from Java" runs as written, on the mini GLUE and the tiny T5. */
@Timeout(120)
class TrainFromJavaTest {

    @Test
    void trainsAndPrintsReadableResults(@TempDir Path out) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        BackboneOptions tiny = new BackboneOptions(RepositoryTestData.fixture("t5-tiny-relu").toString(), "cpu", 0,
                64, 8);
        TrainingResult result = TrainFromJava.train(RepositoryTestData.root().resolve("glue-mini"), tiny, out, 2, 2,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("rte", "mrpc"), result.tasks());
        assertTrue(text.contains("rte   test score ") && text.contains("mrpc  test score "), text);
        assertTrue(text.contains("dev curve [(0, "), text);
        assertFalse(text.contains("[D@"), text);
        assertTrue(Files.isRegularFile(out.resolve("results.csv")), "the run directory is written");
    }
}
