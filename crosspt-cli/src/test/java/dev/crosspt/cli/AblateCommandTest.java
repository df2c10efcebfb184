package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
