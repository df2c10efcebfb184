package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.crosspt.cli.CliTestSupport.Run;
import dev.crosspt.io.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./crosspt ablate}: a 2 x 2 grid run, merged, compared, and resumed cell by cell. */
class AblateCommandTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void aGridRunsEachCellOnceAndResumes() throws IOException {
        Path out = tmp.resolve("ablation");
        Path spec = RunCommandTest.tinySpec(tmp, out, "grid:\n  training.variant: [P, SLP]\n  training.seed: [1, 2]\n"
                + "baseline: {training.variant: P}\n");
        Run first = CliTestSupport.run("ablate", spec.toString());
        assertEquals(0, first.exitCode(), first::describe);
        assertTrue(first.out().contains("cells: 4 ran, 0 skipped"), first::describe);
        List<String> cells = List.of("training.variant=P,training.seed=1", "training.variant=P,training.seed=2",
                "training.variant=SLP,training.seed=1", "training.variant=SLP,training.seed=2");
        for (String cell : cells) {
            assertTrue(Files.isRegularFile(out.resolve("cells").resolve(cell).resolve("results.csv")), cell);
            assertTrue(Files.isRegularFile(out.resolve("cells").resolve(cell).resolve("cell-done.json")), cell);
        }
        String results = Files.readString(out.resolve("results.csv"));
        assertTrue(results.contains("variant=P,rte,2,1,score,") || results.contains("\"variant=P\",rte,2,1,score,"),
                results);
        assertTrue(Files.readString(out.resolve("results.md")).contains("variant=SLP"));
        String comparison = Files.readString(out.resolve("comparison.md"));
        assertTrue(comparison.contains("p-value"), comparison);
        assertTrue(comparison.lines().anyMatch(l -> l.startsWith("| variant=SLP | variant=P | 2 | 4 |")), comparison);
        // SLP's router weights over its two seed cells make one heatmap; P has no router
        try (var plots = Files.list(out.resolve("plots"))) {
            assertEquals(List.of("router-variant=SLP-2-shots.png"), plots.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("router-") && n.endsWith(".png")).toList());
        }

        Run again = CliTestSupport.run("ablate", spec.toString());
        assertEquals(0, again.exitCode(), again::describe);
        assertTrue(again.out().contains("cells: 0 ran, 4 skipped"), again::describe);

        Directories.deleteTree(out.resolve("cells").resolve(cells.get(2)));
        Run resumed = CliTestSupport.run("ablate", spec.toString());
        assertEquals(0, resumed.exitCode(), resumed::describe);
        assertTrue(resumed.out().contains("cells: 1 ran, 3 skipped"), resumed::describe);
        assertTrue(Files.isRegularFile(out.resolve("cells").resolve(cells.get(2)).resolve("results.csv")));

        // a cell stopped after its checkpoint (no results, no done marker yet) continues from the checkpoint
        Path interrupted = out.resolve("cells").resolve(cells.get(3));
        String before = Files.readString(interrupted.resolve("results.csv"));
        Files.delete(interrupted.resolve("results.csv"));
        Files.delete(interrupted.resolve("cell-done.json"));
        assertTrue(Files.isRegularFile(interrupted.resolve("run").resolve("checkpoint-last.safetensors")));
        Run continued = CliTestSupport.run("ablate", spec.toString());
        assertEquals(0, continued.exitCode(), continued::describe);
        assertTrue(continued.out().contains("cells: 1 ran, 3 skipped"), continued::describe);
        assertEquals(before, Files.readString(interrupted.resolve("results.csv")), "resumed at the last step: same results");

        // a worker stopped after writing results but before its done marker has not finished: the cell runs again
        Files.delete(interrupted.resolve("cell-done.json"));
        Run redone = CliTestSupport.run("ablate", spec.toString());
        assertTrue(redone.out().contains("cells: 1 ran, 3 skipped"), redone::describe);

        Run list = CliTestSupport.run("ablate", spec.toString(), "--list-cells");
        assertEquals(0, list.exitCode(), list::describe);
        assertEquals(cells, list.out().lines().toList());
        Run status = CliTestSupport.run("ablate", "status", out.toString());
        assertEquals(0, status.exitCode(), status::describe);
        assertTrue(status.out().contains("4 cells: 4 done, 0 running, 0 pending, 0 failed"), status::describe);

        // report rebuilds an ablation's results, plots and comparison from its cells, in place
        String merged = Files.readString(out.resolve("results.csv"));
        Files.delete(out.resolve("results.csv"));
        Files.delete(out.resolve("comparison.md"));
        Run report = CliTestSupport.run("report", out.toString());
        assertEquals(0, report.exitCode(), report::describe);
        assertEquals(merged, Files.readString(out.resolve("results.csv")));
        assertTrue(Files.readString(out.resolve("comparison.md")).contains("p-value"));
    }

    @Test
    @Timeout(120)
    void aGridOfArmsRunsEachArmsSettingsAndReportsTheDevChosenOnes() throws IOException {
        Path out = tmp.resolve("arms");
        Path spec = RunCommandTest.tinySpec(tmp, out, "grid:\n  arms:\n"
                + "    - {label: P, training.variant: P, training.private_lr: [0.01, 0.3]}\n"
                + "    - {label: SLP, training.variant: SLP, training.shared_lr: 0.2, training.private_lr: 0.05}\n"
                + "baseline: {arm: P}\n");
        Run run = CliTestSupport.run("ablate", spec.toString());
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.out().contains("cells: 3 ran, 0 skipped"), run::describe);
        Path cells = out.resolve("cells");
        // every cell trained with its arm's settings
        for (String[] c : new String[][] {{"arm=P,training.private_lr=0.01", "P", "0.01", null},
                {"arm=P,training.private_lr=0.3", "P", "0.3", null},
                {"arm=SLP", "SLP", "0.05", "0.2"}}) {
            JsonObject training = JsonParser.parseString(Files.readString(cells.resolve(c[0]).resolve("manifest.json")))
                    .getAsJsonObject().getAsJsonObject("training");
            assertEquals(c[1], training.get("variant").getAsString(), c[0]);
            assertEquals(Double.parseDouble(c[2]), training.get("private_lr").getAsDouble(), c[0]);
            if (c[3] != null) {
                assertEquals(Double.parseDouble(c[3]), training.get("shared_lr").getAsDouble(), c[0]);
            }
        }
        // P's rate is the one with the better mean dev score over tasks (ties: the first listed)
        double low = meanDev(cells, "arm=P,training.private_lr=0.01");
        double high = meanDev(cells, "arm=P,training.private_lr=0.3");
        String chosen = high > low ? "0.3" : "0.01";
        List<String> settings = Files.readAllLines(out.resolve("chosen-settings.csv"));
        assertEquals("arm,training.private_lr,dev_score,combinations", settings.get(0));
        assertTrue(settings.get(1).startsWith("P," + chosen + "," + Math.max(low, high) + ",2"), settings::toString);
        assertTrue(settings.get(2).startsWith("SLP,,"), settings::toString);
        // results.csv keeps every cell; results.md and comparison.md show the chosen ones under the arm's label
        String results = Files.readString(out.resolve("results.csv"));
        assertTrue(results.contains("\"arm=P,private_lr=0.01\",rte,2,1,score,")
                && results.contains("\"arm=P,private_lr=0.3\",rte,2,1,dev_score,"), results);
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("arm=P") && md.contains("arm=SLP") && !md.contains("private_lr"), md);
        String comparison = Files.readString(out.resolve("comparison.md"));
        assertTrue(comparison.lines().anyMatch(l -> l.startsWith("| arm=SLP | arm=P | 2 | 2 |")), comparison);
        // router diagnostics per task for the arm with a router, collapse flags for every arm, plotted over training
        for (String metric : List.of("router_entropy", "router_effective_sources", "router_private_mass",
                "router_flat")) {
            assertTrue(results.contains("arm=SLP,mrpc,2,1," + metric + ","), metric + " in " + results);
            assertFalse(results.contains("\"arm=P,private_lr=0.3\",mrpc,2,1," + metric + ","), "P has no router");
        }
        assertTrue(results.contains("\"arm=P,private_lr=0.3\",rte,2,1,collapse,"), results);
        assertTrue(Files.isRegularFile(out.resolve("plots").resolve("diagnostics-effective-candidates.png")));
        assertTrue(Files.isRegularFile(out.resolve("plots").resolve("diagnostics-private-weight.png")));
    }

    private static double meanDev(Path cells, String prefix) throws IOException {
        double sum = 0;
        int n = 0;
        for (String line : Files.readAllLines(cells.resolve(prefix).resolve("results.csv"))) {
            if (line.contains(",dev_score,")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
                n++;
            }
        }
        assertEquals(2, n, prefix);
        return sum / n;
    }
}
