package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.cli.CliTestSupport.Run;
import dev.crosspt.experiment.CellClaim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ablate --executor slurm} against a real one-node Slurm ({@link LocalSlurm}): a grid submitted as a job
 * array, one cell cancelled with {@code scancel} after its first checkpoint, resubmitted alone and resumed, and
 * the merged results byte-identical to a local run of the same spec.
 */
@ExtendWith(LocalSlurm.class)
class SlurmAblateTest {

    private static final List<String> CELLS = List.of("training.variant=P,training.seed=1",
            "training.variant=SLP,training.seed=1");

    @TempDir
    Path tmp;

    /** The tiny spec with a two-cell grid, the gated schedule and an executor section. */
    private Path spec(String dir, Path out, Path gate, String executor) throws IOException {
        Path specDir = Files.createDirectories(tmp.resolve(dir));
        String extra = "grid:\n  training.variant: [P, SLP]\n  training.seed: [1]\n"
                + "baseline: {training.variant: P}\n"
                + "schedule: {name: " + GatedSchedule.class.getName() + ", gate: " + gate + ", hold_from_step: 6}\n"
                + "executor: {" + executor + "}\n";
        String yaml = Files.readString(RunCommandTest.tinySpec(specDir, out, extra))
                .replace("steps: 2, eval_every: 2", "steps: 8, eval_every: 4");
        Path file = specDir.resolve("grid.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    @Timeout(400)
    void aCancelledCellResumesAndTheResultsMatchALocalRun() throws Exception {
        Path gate = tmp.resolve("gate");
        String slurm = "name: slurm, cpus: 1, memory: 2G, time: '00:10:00', poll_seconds: 1";
        Path localOut = tmp.resolve("local");
        Run local = CliTestSupport.run("ablate", spec("a", localOut, gate, slurm).toString(), "--executor", "local");
        assertEquals(0, local.exitCode(), local::describe);

        Path out = tmp.resolve("slurm");
        Path spec = spec("b", out, gate, slurm);
        Files.createFile(gate); // every cell now holds at step 6, after its checkpoint at step 4
        Run submitted = CliTestSupport.run("ablate", spec.toString(), "--no-wait");
        assertEquals(0, submitted.exitCode(), submitted::describe);
        Matcher job = Pattern.compile("submitted 2 cells as Slurm job array (\\d+)").matcher(submitted.out());
        assertTrue(job.find(), submitted::describe);
        Path target = out.resolve("cells").resolve(CELLS.get(0));
        // held at step 6 by the gate, after its checkpoint at step 4
        awaitTrue(() -> CellClaim.holder(target).map(h -> Files.exists(tmp.resolve("gate.held-"
                + h.replaceAll(".* pid (\\d+) .*", "$1")))).orElse(false), "cell 0 held after step 4", target);

        Run running = CliTestSupport.run("ablate", "status", out.toString());
        assertTrue(running.out().contains("running  " + CELLS.get(0) + "  (host "), running::describe);
        assertTrue(running.out().contains("slurm job " + job.group(1) + "_0"), running::describe);

        LocalSlurm.Result cancel = LocalSlurm.run(List.of("scancel", job.group(1) + "_0"), 30);
        assertEquals(0, cancel.exit(), cancel.output());
        awaitTrue(() -> CellClaim.holder(target).isEmpty(), "the cancelled worker's claim released", target);
        awaitTrue(() -> !CliTestSupport.run("ablate", "status", out.toString()).out()
                .contains("slurm job " + job.group(1) + "_0"), "task 0 out of the queue", target);
        Files.delete(gate);

        Run stopped = CliTestSupport.run("ablate", "status", out.toString());
        assertTrue(stopped.out().contains("failed   " + CELLS.get(0) + "  (stopped before finishing"), stopped::describe);
        assertTrue(stopped.out().contains("         | "), "the log's last lines: " + stopped.describe());
        assertFalse(Files.exists(target.resolve("cell-done.json")), "a cancelled cell is not done");

        // again: only the cancelled cell is submitted; the other, if still running, is waited for
        Run again = CliTestSupport.run("ablate", spec.toString());
        assertEquals(0, again.exitCode(), again::describe);
        assertTrue(again.out().contains("submitted 1 cell as Slurm job array"), again::describe);
        assertTrue(Files.readString(target.resolve("cell.log")).contains("resuming from step 4"),
                "resumed from its checkpoint:\n" + Files.readString(target.resolve("cell.log")));
        for (String cell : CELLS) {
            assertTrue(Files.isRegularFile(out.resolve("cells").resolve(cell).resolve("cell-done.json")), cell);
        }
        assertArrayEquals(Files.readAllBytes(localOut.resolve("results.csv")), Files.readAllBytes(out.resolve("results.csv")),
                "results.csv under slurm and local:\n" + Files.readString(out.resolve("results.csv")) + "\nvs\n"
                        + Files.readString(localOut.resolve("results.csv")));
        for (String file : List.of("results.md", "comparison.md")) {
            assertEquals(Files.readString(localOut.resolve(file)), Files.readString(out.resolve(file)), file);
        }
        Run status = CliTestSupport.run("ablate", "status", out.toString());
        assertTrue(status.out().contains("2 cells: 2 done, 0 running, 0 pending, 0 failed"), status::describe);
    }

    @Test
    @Timeout(120)
    void sbatchMissingOrRefusingNamesTheCommandAndMarksNothingDone() throws IOException {
        Path gate = tmp.resolve("no-gate");
        Path out = tmp.resolve("refused");
        Run missing = CliTestSupport.run("ablate", spec("m", out, gate,
                "name: slurm, sbatch: " + tmp.resolve("no-such-sbatch")).toString());
        assertEquals(1, missing.exitCode(), missing::describe);
        assertTrue(missing.err().contains("cannot run `" + tmp.resolve("no-such-sbatch") + " --parsable"),
                missing::describe);

        Run refused = CliTestSupport.run("ablate", spec("r", out, gate, "name: slurm, partition: no-such-partition")
                .toString());
        assertEquals(1, refused.exitCode(), refused::describe);
        assertTrue(refused.err().contains("`sbatch --parsable"), refused::describe);
        assertTrue(refused.err().toLowerCase().contains("invalid partition"), refused::describe);
        for (String cell : CELLS) {
            assertFalse(Files.exists(out.resolve("cells").resolve(cell).resolve("cell-done.json")), cell);
        }
        assertFalse(Files.exists(out.resolve("slurm").resolve("jobs.tsv")), "no job recorded");
        assertFalse(Files.exists(out.resolve("results.csv")));
    }

    private static void awaitTrue(BooleanSupplier condition, String what, Path cell) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                Path log = cell.resolve("cell.log");
                throw new AssertionError("waited 120 s for: " + what + "; cell log:\n"
                        + (Files.exists(log) ? Files.readString(log) : "(none)"));
            }
            Thread.sleep(250);
        }
    }
}
