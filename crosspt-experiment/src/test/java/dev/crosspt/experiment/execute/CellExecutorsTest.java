package dev.crosspt.experiment.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.execute.CellBatch;
import dev.crosspt.api.execute.CellExecutor;
import dev.crosspt.api.execute.CellRef;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.experiment.CellClaim;
import dev.crosspt.experiment.ExperimentSpec;
import dev.crosspt.experiment.ExperimentSpecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executors without a scheduler: the spec's executor section, sbatch options, the array script, cell claims. */
class CellExecutorsTest {

    private static final String SPEC = """
            name: tiny grid
            backbone: {model: some/model}
            data: {dir: testdata/glue-mini, tasks: [rte]}
            grid: {training.variant: [P, SLP]}
            """;

    @TempDir
    Path tmp;

    @Test
    void theExecutorSectionIsCheckedWithTheSpec() {
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> ExperimentSpecs.parse(SPEC + "executor: {name: slrum}\n", "grid.yaml"));
        assertTrue(unknown.getMessage().contains("executor.name: unknown cell executor 'slrum'; did you mean 'slurm'?"),
                unknown.getMessage());
        InvalidInputException memory = assertThrows(InvalidInputException.class,
                () -> ExperimentSpecs.parse(SPEC + "executor: {name: slurm, memory: lots}\n", "grid.yaml"));
        assertTrue(memory.getMessage().contains("executor: executor 'slurm': setting 'memory' expected an amount"
                + " such as 8G or 16000M, got 'lots'"), memory.getMessage());
        InvalidInputException typo = assertThrows(InvalidInputException.class,
                () -> ExperimentSpecs.parse(SPEC + "executor: {name: slurm, partiton: gpu}\n", "grid.yaml"));
        assertTrue(typo.getMessage().contains("unknown setting [partiton]"), typo.getMessage());
    }

    @Test
    void theSpecNamesTheExecutorAndTheCommandLineOverridesIt() {
        ExperimentSpec slurm = ExperimentSpecs.parse(SPEC + "executor: {name: slurm, cpus: 4}\n", "grid.yaml");
        assertInstanceOf(SlurmExecutor.class, CellExecutors.create(slurm, null));
        // the slurm section's settings are not the local executor's: ignored, not an error
        assertFalse(CellExecutors.create(slurm, "local") instanceof SlurmExecutor);
        ExperimentSpec plain = ExperimentSpecs.parse(SPEC, "grid.yaml");
        assertFalse(CellExecutors.create(plain, null) instanceof SlurmExecutor, "local is the default");
        assertThrows(InvalidInputException.class, () -> CellExecutors.create(plain, "kubernetes"));
    }

    @Test
    void slurmSettingsBecomeSbatchOptions() {
        SlurmSettings settings = SlurmSettings.of(PluginSettings.of("executor 'slurm'", Map.of("partition", "gpu",
                "account", "lab", "gpus", 1, "cpus", 8, "memory", "32G", "time", "1-12:00:00",
                "sbatch_options", List.of("--qos=high", "--constraint=a100"), "max_parallel", 4)));
        assertEquals(List.of("--partition=gpu", "--account=lab", "--gres=gpu:1", "--cpus-per-task=8", "--mem=32G",
                "--time=1-12:00:00", "--requeue", "--qos=high", "--constraint=a100"), settings.sbatchArguments());
        assertEquals(4, settings.maxParallel());
        SlurmSettings defaults = SlurmSettings.of(PluginSettings.empty("executor 'slurm'"));
        assertEquals(List.of("--cpus-per-task=1", "--requeue"), defaults.sbatchArguments());
        InvalidInputException time = assertThrows(InvalidInputException.class,
                () -> SlurmSettings.of(PluginSettings.of("executor 'slurm'", Map.of("time", "two hours"))));
        assertTrue(time.getMessage().contains("setting 'time' expected a Slurm time limit"), time.getMessage());
    }

    @Test
    void theArrayScriptRunsTheCommandOfItsTasksCellWithItsLogInTheCellsDirectory() throws Exception {
        List<CellRef> cells = List.of(new CellRef("a=1", tmp.resolve("cells/a=1")),
                new CellRef("b=it's,c=2", tmp.resolve("cells/b=it's,c=2")));
        Path script = tmp.resolve("array.sh");
        Files.writeString(script, SlurmScript.of(new FakeBatch(tmp, cells) {
            @Override
            public List<String> command(CellRef cell) {
                return List.of("printf", "%s|", "cell " + cell.key(), "$HOME `x`");
            }
        }, cells));
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().put("SLURM_ARRAY_TASK_ID", "1");
        builder.environment().put("SLURM_ARRAY_JOB_ID", "77");
        Process process = builder.start();
        assertEquals(0, process.waitFor(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        String log = Files.readString(cells.get(1).log());
        assertTrue(log.startsWith("== slurm job 77_1 on "), log);
        assertTrue(log.endsWith("cell b=it's,c=2|$HOME `x`|"), "each argument passed as it is: " + log);
        assertFalse(Files.exists(cells.get(0).log()), "task 1 runs the second cell only");
    }

    @Test
    void aCellIsClaimedByOneWorkerAtATimeAndTheClaimEndsWithTheWorker() {
        Path cell = tmp.resolve("cell");
        Optional<CellClaim> first = CellClaim.tryClaim(cell);
        assertTrue(first.isPresent());
        assertTrue(CellClaim.holder(cell).orElseThrow().contains(" pid " + ProcessHandle.current().pid() + " "));
        assertTrue(CellClaim.tryClaim(cell).isEmpty(), "a second worker cannot claim a held cell");
        first.get().close();
        assertTrue(CellClaim.holder(cell).isEmpty(), "released");
        try (CellClaim again = CellClaim.tryClaim(cell).orElseThrow()) {
            assertTrue(CellClaim.holder(cell).isPresent());
        }
    }

    @Test
    void aClaimHeldByAnotherProcessIsRespectedAndEndsWhenThatProcessIsKilled() throws Exception {
        Path cell = tmp.resolve("shared-cell");
        Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ClaimHolder.class.getName(), cell.toString())
                .redirectErrorStream(true).start();
        try {
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(worker.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertEquals("claimed", first);
            assertTrue(CellClaim.tryClaim(cell).isEmpty(), "held by the other process");
            assertTrue(CellClaim.holder(cell).orElseThrow().contains(" pid " + worker.pid() + " "));
        } finally {
            worker.destroyForcibly(); // SIGKILL: no chance to clean up
            worker.waitFor();
        }
        assertTrue(CellClaim.holder(cell).isEmpty(), "the operating system released the killed worker's claim");
        try (CellClaim mine = CellClaim.tryClaim(cell).orElseThrow()) {
            assertTrue(CellClaim.holder(cell).orElseThrow().contains(" pid " + ProcessHandle.current().pid() + " "));
        }
    }

    @Test
    void localRunsEachCellHereInOrder() {
        List<CellRef> cells = List.of(new CellRef("x=1", tmp.resolve("x1")), new CellRef("x=2", tmp.resolve("x2")));
        List<String> ran = new ArrayList<>();
        Set<String> done = new HashSet<>();
        FakeBatch batch = new FakeBatch(tmp, cells) {
            @Override
            public boolean runHere(CellRef cell) {
                ran.add(cell.key());
                done.add(cell.key());
                return true;
            }

            @Override
            public boolean done(CellRef cell) {
                return done.contains(cell.key());
            }
        };
        CellExecutor local = new LocalExecutorProvider().create(PluginSettings.empty("executor 'local'"));
        assertTrue(local.execute(batch).finished());
        assertEquals(List.of("x=1", "x=2"), ran);
    }

    /** A batch whose cells are given; it runs nothing unless a test says how. */
    private static class FakeBatch implements CellBatch {
        private final Path out;
        private final List<CellRef> cells;

        FakeBatch(Path out, List<CellRef> cells) {
            this.out = out;
            this.cells = cells;
        }

        @Override
        public Path out() {
            return out;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public List<CellRef> cells() {
            return cells;
        }

        @Override
        public boolean runHere(CellRef cell) {
            return false;
        }

        @Override
        public List<String> command(CellRef cell) {
            return List.of("true");
        }

        @Override
        public Path workingDirectory() {
            return out;
        }

        @Override
        public boolean done(CellRef cell) {
            return false;
        }

        @Override
        public boolean waitForCells() {
            return true;
        }

        @Override
        public Progress progress() {
            return new Progress() {};
        }
    }
}
