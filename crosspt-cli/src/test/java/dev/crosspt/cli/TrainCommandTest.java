package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.crosspt.cli.CliTestSupport.Run;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./crosspt train} on the repository's mini GLUE with the tiny T5 fixture: one short run (trained once
 * for the class) and what it leaves in its run directory, a resume of the finished run, and the one-line
 * refusals of unusable settings (which all come before the model is loaded).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(60)
class TrainCommandTest {

    private static final Path GLUE = CliTestSupport.testdata().resolve("glue-mini");
    private static final Path MODEL = CliTestSupport.fixture("t5-tiny-relu");
    private static final List<String> TASKS = List.of("rte", "mrpc", "stsb");

    /** Each task's own metrics, in the order results.csv must list them after "score" (the papers' order). */
    private static final Map<String, List<String>> METRICS = Map.of(
            "rte", List.of("accuracy"),
            "mrpc", List.of("f1", "accuracy"),
            "stsb", List.of("pearson", "spearman"));

    @TempDir
    static Path tmp;

    private static Path out;
    private static Run first;

    @BeforeAll
    @Timeout(120)
    static void trainOnce() {
        out = tmp.resolve("run");
        first = CliTestSupport.run(trainArgs(out, "--tasks", String.join(",", TASKS)));
    }

    /** The short run's arguments; {@code extra} may give {@code --shots} to replace its 2. */
    private static String[] trainArgs(Path outDir, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", GLUE.toString(), "--model", MODEL.toString(),
                "--steps", "6", "--eval-every", "3", "--batch-size", "4", "--prompt-length", "3",
                "--max-input-tokens", "64", "--max-target-tokens", "8", "--out", outDir.toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--shots")) {
            args.addAll(List.of("--shots", "2"));
        }
        return args.toArray(String[]::new);
    }

    @Test
    @Order(1)
    void shortRunSucceedsAndPrintsTheTable() {
        assertEquals(0, first.exitCode(), first::describe);
        for (String task : TASKS) {
            assertTrue(first.out().lines().anyMatch(l -> l.startsWith(task + " ") && l.contains("train: 2")),
                    () -> task + "\n" + first.describe());
        }
        assertTrue(first.out().contains("score (%)"), first::describe);
        assertTrue(first.out().contains("Run directory: " + out.toAbsolutePath()), first::describe);
    }

    /** What every task's rows add after its test metrics: the dev score and the router diagnostics (SLP). */
    private static final List<String> RUN_METRICS = List.of("dev_score", "router_entropy", "router_effective_sources",
            "router_private_mass", "router_flat", "collapse");

    @Test
    @Order(2)
    void resultsHaveTheScoreAndEachTasksOwnMetrics() throws IOException {
        assertEquals(0, first.exitCode(), first::describe);
        Map<String, Map<String, Double>> results = readResults(out.resolve("results.csv"));
        assertEquals(new TreeSet<>(TASKS), results.keySet());
        for (String task : TASKS) {
            Map<String, Double> metrics = results.get(task);
            Set<String> expected = new TreeSet<>(METRICS.get(task));
            expected.add("score");
            expected.addAll(RUN_METRICS);
            assertEquals(expected, metrics.keySet(), task);
            metrics.values().forEach(v -> assertTrue(Double.isFinite(v), task + ": " + metrics));
            assertTrue(metrics.get("router_effective_sources") >= 1 && metrics.get("router_effective_sources") <= 4,
                    task + ": " + metrics);
            // the score is the mean of the task's own metrics
            double mean = METRICS.get(task).stream().mapToDouble(metrics::get).average().orElseThrow();
            assertEquals(mean, metrics.get("score"), 1e-9, task + ": " + metrics);
        }
        assertTrue(Files.isRegularFile(out.resolve("results.md")));
    }

    /** Rows come in a fixed order (before TaskScore kept its metrics' order, it changed from JVM to JVM). */
    @Test
    @Order(2)
    void resultRowsFollowTheTasksAndTheirMetricsOrder() throws IOException {
        assertEquals(0, first.exitCode(), first::describe);
        List<String> expected = new ArrayList<>();
        for (String task : TASKS) {
            expected.add(task + ",score");
            METRICS.get(task).forEach(m -> expected.add(task + "," + m));
            RUN_METRICS.forEach(m -> expected.add(task + "," + m));
        }
        List<String> lines = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
        List<String> actual = lines.subList(1, lines.size()).stream()
                .map(l -> l.split(",")[1] + "," + l.split(",")[4]).toList();
        assertEquals(expected, actual);
    }

    @Test
    @Order(3)
    void splitsAreWrittenWithTheirProtocol() throws IOException {
        for (String task : TASKS) {
            Path dir = out.resolve("splits").resolve(task);
            JsonObject protocol = JsonParser.parseString(Files.readString(dir.resolve("protocol.json")))
                    .getAsJsonObject();
            assertEquals(task, protocol.get("task").getAsString());
            assertEquals(2, protocol.get("k").getAsInt());
            JsonObject sizes = protocol.getAsJsonObject("sizes");
            JsonObject sha256 = protocol.getAsJsonObject("sha256");
            for (String split : List.of("train", "dev", "test")) {
                Path file = dir.resolve(split + ".jsonl");
                assertTrue(Files.isRegularFile(file), file.toString());
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                assertEquals(sizes.get(split).getAsInt(), lines.size(), file.toString());
                assertEquals(sha256.get(split + ".jsonl").getAsString(), sha256(file), file.toString());
                for (String line : lines) {
                    JsonObject row = JsonParser.parseString(line).getAsJsonObject();
                    assertTrue(row.has("fields") && row.has("label") && row.has("origin"), line);
                }
            }
            assertEquals(2, sizes.get("train").getAsInt(), task);
        }
    }

    @Test
    @Order(4)
    void manifestRecordsTrainingSplitsAndBackbone() throws IOException {
        JsonObject manifest = JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject();
        assertEquals("train", manifest.get("command").getAsString());
        JsonObject training = manifest.getAsJsonObject("training");
        assertEquals(6, training.get("steps").getAsInt());
        assertEquals(3, training.get("prompt_length").getAsInt());
        assertEquals(4, training.get("batch_size").getAsInt());
        assertEquals("SLP", training.get("variant").getAsString());
        assertEquals(new TreeSet<>(TASKS), manifest.getAsJsonObject("splits").keySet());
        for (String task : TASKS) {
            JsonObject split = manifest.getAsJsonObject("splits").getAsJsonObject(task);
            assertEquals(2, split.get("train").getAsInt(), task);
            assertTrue(split.has("rule") && split.has("dev") && split.has("test"), split.toString());
        }
        JsonObject backbone = manifest.getAsJsonObject("backbone");
        assertNotNull(backbone, manifest.toString());
        assertEquals("64", backbone.get("max_input_tokens").getAsString());
        assertEquals("8", backbone.get("max_target_tokens").getAsString());
        assertEquals(2, manifest.get("shots").getAsInt());
    }

    @Test
    @Order(5)
    void learningCurvePlotIsAnImage() throws IOException {
        BufferedImage image = ImageIO.read(out.resolve("plots").resolve("learning-curves.png").toFile());
        assertNotNull(image, "learning-curves.png does not decode");
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100, image.toString());
    }

    @Test
    @Order(6)
    void resumingAFinishedRunReevaluatesAndRewritesTheResults() throws IOException {
        assertEquals(0, first.exitCode(), first::describe);
        Path results = out.resolve("results.csv");
        Map<String, Map<String, Double>> before = readResults(results);
        Files.delete(results);
        Files.delete(out.resolve("plots").resolve("learning-curves.png"));

        Run resumed = CliTestSupport.run(trainArgs(out, "--tasks", String.join(",", TASKS), "--resume"));
        assertEquals(0, resumed.exitCode(), resumed::describe);
        assertTrue(Files.isRegularFile(results), resumed::describe);
        assertTrue(Files.isRegularFile(out.resolve("plots").resolve("learning-curves.png")), resumed::describe);
        // the last checkpoint is the final step: nothing more to train, the same test scores
        assertEquals(before, readResults(results), resumed::describe);
    }

    @Test
    @Order(7)
    void aSecondRunIntoTheSameOutIsRefusedAndLeavesTheFirst() throws IOException {
        assertEquals(0, first.exitCode(), first::describe);
        Map<String, Map<String, Double>> before = readResults(out.resolve("results.csv"));
        Run again = CliTestSupport.run(trainArgs(out, "--tasks", String.join(",", TASKS)));
        String line = oneErrorLine(again);
        assertTrue(line.contains("--resume") && line.contains("--overwrite") && line.contains(out.toString()),
                again::describe);
        assertEquals(before, readResults(out.resolve("results.csv")));
    }

    @Test
    @Order(8)
    void overwriteReplacesTheRunWholeWithNoSplitsLeftFromTheEarlierOne() throws IOException {
        assertEquals(0, first.exitCode(), first::describe);
        assertTrue(Files.isDirectory(out.resolve("splits").resolve("stsb")), "the first run trained stsb");
        Run replaced = CliTestSupport.run(trainArgs(out, "--tasks", "rte", "--overwrite"));
        assertEquals(0, replaced.exitCode(), replaced::describe);
        assertFalse(Files.exists(out.resolve("splits").resolve("stsb")), replaced::describe);
        assertEquals(Set.of("rte"), readResults(out.resolve("results.csv")).keySet(), replaced::describe);
        try (var siblings = Files.list(tmp)) {
            assertEquals(List.of(), siblings.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "no staging or replaced directory left beside the run");
        }
    }

    // ---- refusals: exit 2, one line on stderr ----

    @Test
    void unknownTaskNamesItAndListsTheFoundOnes() {
        Run run = CliTestSupport.run(trainArgs(tmp.resolve("unknown"), "--tasks", "rte,nosuchtask"));
        String line = oneErrorLine(run);
        assertTrue(line.contains("'nosuchtask'"), run::describe);
        for (String found : List.of("cola", "mnli", "mrpc", "qnli", "qqp", "rte", "sst2", "stsb", "wnli")) {
            assertTrue(line.contains(found), () -> found + "\n" + run.describe());
        }
    }

    @Test
    void aMisspeltPluginSettingOrModelIsRefusedBeforeTheOutDirectoryExists() {
        // Found after the splits were written, each left a directory the corrected command then refused as a run.
        String[][] mistakes = {
            {"--selector", "sparsmax"},
            {"--selector-setting", "temprature=2"},
            {"--composer", "weighted-summ"},
            {"--schedule", "cosin"},
            {"--router", "lineer"},
            {"--router-setting", "hiden=4"},
            {"--model", MODEL + "-missing"},
        };
        for (String[] mistake : mistakes) {
            Path target = tmp.resolve("mistake-" + mistake[1].replaceAll("[^a-z]", ""));
            List<String> args = new ArrayList<>(List.of(trainArgs(target, "--tasks", "rte")));
            int at = args.indexOf(mistake[0]);
            if (at >= 0) {
                args.set(at + 1, mistake[1]);
            } else {
                args.addAll(List.of(mistake));
            }
            Run run = CliTestSupport.run(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), run::describe);
            assertTrue(run.err().contains(mistake[1].replaceAll("=.*", "")), run::describe);
            assertFalse(Files.exists(target), () -> target + " was created\n" + run.describe());
        }
    }

    @Test
    void earlyStoppingFlagsEndTheRunAndTheRunDirectorySaysWhere() throws IOException {
        // min delta 1: no rise of a score counts, so the curve is flat at the first evaluation after step 0
        Path target = tmp.resolve("early-stopped");
        Run run = CliTestSupport.run(trainArgs(target, "--tasks", "rte", "--stop-patience", "1",
                "--stop-min-delta", "1"));
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.out().contains("Early stopping ended training at step 3 of 6"), run::describe);
        JsonObject result = JsonParser.parseString(Files.readString(target.resolve("run").resolve("result.json"))).getAsJsonObject();
        assertEquals(3, result.get("lastStep").getAsInt());
        assertEquals("early_stopping", result.get("endedBy").getAsString());
        JsonObject manifest = JsonParser.parseString(Files.readString(target.resolve("manifest.json")))
                .getAsJsonObject();
        JsonObject rule = manifest.getAsJsonObject("training").getAsJsonObject("early_stopping");
        assertEquals(1, rule.get("patience").getAsInt());
        assertEquals(1.0, rule.get("min_delta").getAsDouble());
    }

    @Test
    void badEarlyStoppingFlagsAreNamed() {
        String[][] mistakes = {
            {"--stop-patience", "0"},
            {"--stop-min-steps", "5"},
        };
        for (String[] mistake : mistakes) {
            Path target = tmp.resolve("stop-" + mistake[0].substring(2));
            Run run = CliTestSupport.run(trainArgs(target, "--tasks", "rte", mistake[0], mistake[1]));
            assertTrue(oneErrorLine(run).contains(mistake[0]), run::describe);
            assertFalse(Files.exists(target), () -> target + " was created\n" + run.describe());
        }
        Run smoothing = CliTestSupport.run(trainArgs(tmp.resolve("stop-smoothing"), "--tasks", "rte",
                "--stop-patience", "2", "--stop-smoothing", "0"));
        assertTrue(oneErrorLine(smoothing).contains("--stop-smoothing: expected at least 1 evaluation, got 0"),
                smoothing::describe);
    }

    @Test
    void zeroShotsIsRefused() {
        Run run = CliTestSupport.run(trainArgs(tmp.resolve("zero"), "--tasks", "rte", "--shots", "0"));
        assertTrue(oneErrorLine(run).contains("--shots"), run::describe);
    }

    @Test
    void unknownVariantIsRefused() {
        Run run = CliTestSupport.run(trainArgs(tmp.resolve("variant"), "--tasks", "rte", "--variant", "XYZ"));
        String line = oneErrorLine(run);
        assertTrue(line.contains("XYZ") && line.contains("SLP"), run::describe);
    }

    @Test
    void unknownLabelsIsRefused() {
        Run run = CliTestSupport.run(trainArgs(tmp.resolve("labels"), "--tasks", "rte", "--labels", "other"));
        String line = oneErrorLine(run);
        assertTrue(line.contains("--labels") && line.contains("other"), run::describe);
    }

    @Test
    void moreShotsPerLabelThanALabelHasIsRefused() {
        Run run = CliTestSupport.run(trainArgs(tmp.resolve("perlabel"), "--tasks", "rte", "--shots", "40",
                "--per-label"));
        String line = oneErrorLine(run);
        assertTrue(line.contains("rte") && line.contains("40"), run::describe);
        assertFalse(Files.exists(tmp.resolve("perlabel").resolve("results.csv")), run::describe);
    }

    private static String oneErrorLine(Run run) {
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run::describe);
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run::describe);
        assertTrue(lines.get(0).startsWith("crosspt: "), run::describe);
        return lines.get(0);
    }

    /** results.csv as task → metric → value, checking its header and that no row repeats. */
    private static Map<String, Map<String, Double>> readResults(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("method,task,shots,seed,metric,value", lines.get(0), csv.toString());
        Map<String, Map<String, Double>> byTask = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals(6, f.length, line);
            assertEquals("SLP", f[0], line);
            assertEquals("2", f[2], line);
            Double old = byTask.computeIfAbsent(f[1], t -> new LinkedHashMap<>()).put(f[4], Double.parseDouble(f[5]));
            assertEquals(null, old, () -> "repeated row " + line);
        }
        return byTask;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
