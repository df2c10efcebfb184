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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ablate --executor slurm} against a real one-node Slurm ({@link LocalSlurm}): a grid submitted as a job
 * array; after a checkpoint one cell is cancelled with {@code scancel} (resubmitted alone by the next ablate)
 * and the other requeued as preemption does (restarted by Slurm); both resume from their checkpoints, and the
 * merged results are byte-identical to a local run of the same spec.
 */
@ExtendWith(LocalSlurm.class)
class SlurmAblateTest {

    private static final List<String> CELLS = List.of("training.variant=P,training.seed=1",
            "training.variant=SLP,training.seed=1");

    @TempDir
    Path tmp;

    /** Cancels whatever the test's ablations left in the queue, so a failed test leaves no jobs behind. */
    @AfterEach
    void cancelLeftoverJobs() throws IOException {
        try (Stream<Path> files = Files.find(tmp, 4, (p, a) -> p.getFileName().toString().equals("jobs.tsv"))) {
            for (Path jobs : files.toList()) {
                for (String job : Files.readAllLines(jobs).stream().map(l -> l.split("\t")[0]).distinct().toList()) {
                    LocalSlurm.run(List.of("scancel", job), 30);
                }
            }
        }
    }

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
        Path requeued = out.resolve("cells").resolve(CELLS.get(1));
        awaitTrue(() -> held(target) && held(requeued), "both cells held after step 4", target);

        Run running = CliTestSupport.run("ablate", "status", out.toString());
        assertTrue(running.out().contains("running  " + CELLS.get(0) + "  (host "), running::describe);
        assertTrue(running.out().contains("slurm job " + job.group(1) + "_0"), running::describe);

        // cell 0 cancelled: it waits for the next ablate; cell 1 requeued, as preemption does: Slurm restarts it
        assertEquals(0, slurm("scancel", job.group(1) + "_0").exit());
        assertEquals(0, slurm("scontrol", "requeue", job.group(1) + "_1").exit());
        // a requeued job waits two minutes before it may start; the test does not. Once it is pending again, the
        // update goes to its record (scontrol exits 1 when that is the array's, for the other, finished task)
        String task = job.group(1) + "_1";
        awaitTrue(() -> queue().lines().anyMatch(l -> l.endsWith(" " + task + " PENDING")), "task 1 requeued", requeued);
        String record = queue().lines().filter(l -> l.endsWith(" " + task + " PENDING")).map(l -> l.split(" ")[0])
                .findFirst().orElseThrow();
        // Slurm's own two-minute wait lets the killed worker exit first; started at once, the restart must wait for
        // that worker's claim to go, or it finds the cell claimed and leaves it
        awaitTrue(() -> CellClaim.holder(requeued).isEmpty(), "the requeued worker's claim released", requeued);
        LocalSlurm.run(List.of("scontrol", "update", "JobId=" + record, "StartTime=now"), 30);
        awaitTrue(() -> CellClaim.holder(target).isEmpty(), "the cancelled worker's claim released", target);
        // out of the queue, the cell reads as failed (its log's tail, shown too, may still name the job)
        awaitTrue(() -> CliTestSupport.run("ablate", "status", out.toString()).out()
                .contains("failed   " + CELLS.get(0) + "  (stopped before finishing"), "task 0 out of the queue", target);

        Run stopped = CliTestSupport.run("ablate", "status", out.toString());
        assertTrue(stopped.out().contains("failed   " + CELLS.get(0) + "  (stopped before finishing"), stopped::describe);
        assertTrue(stopped.out().contains("         | "), "the log's last lines: " + stopped.describe());
        assertFalse(Files.exists(target.resolve("cell-done.json")), "a cancelled cell is not done");
        Files.delete(gate);

        // again: only the cancelled cell is submitted; the requeued one, if still in the queue, is waited for
        Run again = CliTestSupport.run("ablate", spec.toString());
        assertEquals(0, again.exitCode(), again::describe);
        // the cancelled cell is submitted again; the requeued one too when its restart ended between the status
        // reads (its worker then finds the cell claimed or done, and the results below hold either way)
        assertTrue(again.out().contains("submitted 1 cell as Slurm job array")
                || again.out().contains("submitted 2 cells as Slurm job array"), again::describe);
        for (Path cell : List.of(target, requeued)) {
            assertTrue(Files.readString(cell.resolve("cell.log")).contains("resuming from step 4"),
                    "resumed from its checkpoint:\n" + Files.readString(cell.resolve("cell.log")));
        }
        assertTrue(Files.readString(requeued.resolve("cell.log")).contains(", restart 1"),
                "restarted by Slurm:\n" + Files.readString(requeued.resolve("cell.log")));
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

    /** Whether the cell's worker is held by the gate (after its checkpoint at step 4). */
    private boolean held(Path cell) {
        return CellClaim.holder(cell).map(h -> Files.exists(tmp.resolve("gate.held-"
                + h.replaceAll(".* pid (\\d+) .*", "$1")))).orElse(false);
    }

    /** The queue, one array task per line: job record id, task id, state. */
    private static String queue() {
        try {
            return slurm("squeue", "--noheader", "--array", "--format", "%A %i %T").output();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static LocalSlurm.Result slurm(String... command) throws IOException {
        LocalSlurm.Result result = LocalSlurm.run(List.of(command), 30);
        assertEquals(0, result.exit(), () -> String.join(" ", command) + ": " + result.output());
        return result;
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
