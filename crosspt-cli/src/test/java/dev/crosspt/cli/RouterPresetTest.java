package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.crosspt.cli.CliTestSupport.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code presets/routers.yaml} end to end on the tiny fixtures: its four router arms, each with its two shared rates
 * to choose from on dev, unchanged; only the backbone, the data, the training length and the shot and seed axes are
 * shrunk.
 */
class RouterPresetTest {

    @TempDir
    Path tmp;

    private static List<String> list(Path dir) {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of(e.toString());
        }
    }

    @Test
    @Timeout(300)
    void theRouterPresetRunsEveryArmAndComparesItWithTheTable() throws IOException {
        Path out = tmp.resolve("routers");
        String preset = Files.readString(CliTestSupport.testdata().getParent().resolve("presets/routers.yaml"));
        String tiny = preset
                .replaceFirst("(?m)^name: .*$", "name: routers\nout: " + out)
                .replaceFirst("(?m)^backbone: .*$", "backbone: {model: " + CliTestSupport.fixture("t5-tiny-relu")
                        + ", max_input_tokens: 64, max_target_tokens: 8}")
                .replaceFirst("(?m)^data: .*$", "data: {dir: " + CliTestSupport.testdata().resolve("glue-mini")
                        + ", tasks: [rte, mrpc]}")
                .replaceFirst("(?m)^training: .*$", "training: {variant: SLP, sources: 2, prompt_length: 3, steps: 2,"
                        + " eval_every: 2, batch_size: 4, private_lr: 0.05}")
                .replaceFirst("(?m)^  data.shots: .*$", "  data.shots: [2]")
                .replaceFirst("(?m)^  training.seed: .*$", "  training.seed: [1]");
        assertTrue(tiny.contains("router.name: instance") && tiny.contains("shots: [2]"), tiny);
        Path spec = tmp.resolve("routers.yaml");
        Files.writeString(spec, tiny);

        Run run = CliTestSupport.run("ablate", spec.toString());
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.out().contains("cells: 8 ran, 0 skipped"), run::describe);
        for (String arm : List.of("table", "linear", "mlp", "instance")) {
            Path cell = out.resolve("cells").resolve("arm=" + arm + ",training.shared_lr=0.3,data.shots=2,training.seed=1");
            assertTrue(Files.isDirectory(cell), () -> cell + " missing; cells: " + list(out.resolve("cells")));
            JsonObject training = JsonParser.parseString(Files.readString(cell.resolve("manifest.json")))
                    .getAsJsonObject().getAsJsonObject("training");
            // the table with its defaults leaves the settings as they were before routers were plugins
            assertEquals(arm.equals("table") ? null : arm,
                    training.has("router") ? training.get("router").getAsString() : null, arm);
            assertEquals(arm.equals("instance"), Files.isRegularFile(cell.resolve("router-weight-spread.csv")), arm);
        }
        List<String> chosen = Files.readAllLines(out.resolve("chosen-settings.csv"));
        assertEquals(5, chosen.size(), chosen::toString);
        String comparison = Files.readString(out.resolve("comparison.md"));
        for (String arm : List.of("linear", "mlp", "instance")) {
            assertTrue(comparison.lines().anyMatch(l -> l.startsWith("| arm=" + arm + " | arm=table |")), comparison);
        }
    }
}
