package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.crosspt.cli.CliTestSupport.Run;
import dev.crosspt.data.RawTask;
import dev.crosspt.run.DatasetRun;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./crosspt demo} end to end on the clusters suite, shortened to 10 steps and one seed, on the demo model;
 * the suites' export for {@code ablate}; bad input.
 */
class DemoCommandTest {

    private static final List<String> METHODS = List.of("P", "SL", "SLP", "SLP+pruning");
    private static final List<String> TASKS = List.of("a-prose", "a-list", "a-count", "b-prose", "b-list", "b-count");

    @TempDir
    private static Path out;

    private static Run demo;

    @BeforeAll
    static void runDemo() {
        demo = CliTestSupport.run("demo", "--out", out.toString(), "--steps", "10", "--eval-every", "5", "--seeds", "1",
                "--model-cache", DemoModelCache.path().toString());
    }

    @Test
    void exitsWithZeroAndPrintsTheTable() {
        assertEquals(0, demo.exitCode(), demo::describe);
        for (String method : METHODS) {
            assertTrue(demo.out().contains(method), "no row for " + method + "\n" + demo.describe());
        }
        assertTrue(demo.out().contains(out.toAbsolutePath().toString()), demo::describe);
    }

    @Test
    void resultsCsvHasOneRowPerMethodAndTaskWithAccuracies() throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("results.csv"));
        assertEquals("method,task,shots,seed,metric,value", lines.get(0));
        List<String> rows = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(METHODS.size() * TASKS.size(), rows.size(), String.join("\n", lines));
        Set<String> seen = new HashSet<>();
        for (String row : rows) {
            String[] f = row.split(",", -1);
            assertEquals(6, f.length, row);
            assertTrue(METHODS.contains(f[0]), "method in " + row);
            assertTrue(TASKS.contains(f[1]), "task in " + row);
            assertEquals("8", f[2], "default shots in " + row);
            assertEquals("1", f[3], "seed in " + row);
            assertEquals("accuracy", f[4], row);
            double value = Double.parseDouble(f[5]);
            assertTrue(value >= 0 && value <= 1, "accuracy out of [0, 1] in " + row);
            assertTrue(seen.add(f[0] + "/" + f[1]), "duplicate row " + row);
        }
    }

    @Test
    void resultsMarkdownAndManifestAreWritten() throws IOException {
        String markdown = Files.readString(out.resolve("results.md"));
        assertTrue(markdown.contains("SLP"), markdown);
        assertTrue(markdown.contains("|"), "not a table: " + markdown);

        JsonObject manifest = JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject();
        for (String key : List.of("java", "os", "git_revision", "backbone", "methods", "seeds", "early_stopping",
                "stopped_at_step")) {
            assertTrue(manifest.has(key), "manifest.json lacks '" + key + "': " + manifest.keySet());
        }
        assertEquals("t5", manifest.getAsJsonObject("backbone").get("backbone").getAsString());
        assertEquals(Set.copyOf(METHODS), manifest.getAsJsonObject("methods").keySet());
        assertEquals(1, manifest.getAsJsonArray("seeds").size());
        assertEquals("clusters", manifest.get("suite").getAsString());
        assertEquals(1.0, manifest.get("relatedness").getAsDouble());
        assertEquals(TASKS.size(), manifest.getAsJsonArray("tasks").size());
    }

    @Test
    void plotsAreReadablePngs() throws IOException {
        for (String plot : List.of("learning-curves.png", "router-SLP.png")) {
            Path file = out.resolve("plots").resolve(plot);
            assertTrue(Files.isRegularFile(file), "no " + file);
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, file + " does not decode as an image");
            assertTrue(image.getWidth() > 100 && image.getHeight() > 100,
                    file + " is " + image.getWidth() + "x" + image.getHeight());
        }
        assertFalse(Files.exists(out.resolve("plots").resolve("router-P.png")), "P has no router to plot");
    }

    @Test
    void everyRunKeepsItsCheckpointsAndRouterWeights() throws IOException {
        for (String method : METHODS) {
            Path run = out.resolve("runs").resolve(method).resolve("seed-1");
            assertTrue(Files.isRegularFile(run.resolve("checkpoint-best.safetensors")), "no best checkpoint in " + run);
            assertTrue(Files.isRegularFile(run.resolve("checkpoint-last.safetensors")), "no last checkpoint in " + run);
            assertEquals(!method.equals("P"), Files.isRegularFile(run.resolve("router-weights.csv")),
                    "router-weights.csv in " + run);
        }
        List<String> weights = Files.readAllLines(out.resolve("runs").resolve("SLP").resolve("seed-1").resolve("router-weights.csv"));
        assertEquals(1 + TASKS.size(), weights.stream().filter(l -> !l.isBlank()).count(), String.join("\n", weights));
    }

    @Test
    void exportWritesTheSuitesAsTaskFoldersThatTheDataReaderLoads(@TempDir Path dir) throws IOException {
        Run run = CliTestSupport.run("demo", "--export", dir.toString(), "--model-cache", DemoModelCache.path().toString());
        assertEquals(0, run.exitCode(), run::describe);
        List<RawTask> clusters = DatasetRun.readTasks(dir.resolve("clusters-r1"));
        assertEquals(Set.copyOf(TASKS), clusters.stream().map(RawTask::name).collect(Collectors.toSet()));
        assertEquals(4, DatasetRun.readTasks(dir.resolve("disjoint")).size());
        for (String suite : List.of("clusters-r0.5", "clusters-r0")) {
            assertEquals(TASKS.size(), DatasetRun.readTasks(dir.resolve(suite)).size(), suite);
        }
        for (String file : List.of("config.json", "model.safetensors", "tokenizer.json")) {
            assertTrue(Files.isRegularFile(dir.resolve("model").resolve(file)), "no model/" + file);
        }
    }
}
