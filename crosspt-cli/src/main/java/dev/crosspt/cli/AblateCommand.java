package dev.crosspt.cli;

import com.google.inject.Module;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.execute.CellBatch;
import dev.crosspt.api.execute.CellExecutor;
import dev.crosspt.api.execute.CellRef;
import dev.crosspt.api.execute.ExecutorException;
import dev.crosspt.experiment.Ablation;
import dev.crosspt.experiment.ExperimentSpecs;
import dev.crosspt.experiment.Experiments;
import dev.crosspt.experiment.execute.AblationBatch;
import dev.crosspt.experiment.execute.AblationStatus;
import dev.crosspt.experiment.execute.CellExecutors;
import dev.crosspt.report.AtomicFiles;
import dev.crosspt.report.ResultsTable;
import dev.crosspt.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./crosspt ablate SPEC.yaml}: every cell of the spec's grid, resumable, with a paired comparison. */
@Command(name = "ablate", mixinStandardHelpOptions = true, subcommands = AblateStatusCommand.class,
        header = "Runs every cell of a spec's grid against its baseline.",
        description = {"Each cell is trained into OUT/cells/<cell-key>/; cells already done are skipped, so an "
            + "interrupted ablation resumes. Then OUT/results.csv, results.md, plots/ and comparison.md (paired "
            + "t-tests against the baseline) are written.",
            "With grid.arms, each arm's tuning values are chosen on dev: the tables show the chosen cells, "
            + "chosen-settings.md says which, and results.csv keeps every cell.",
            "Cells run in this process (executor local) or as a Slurm job array (executor slurm); "
            + "'ablate status OUT' shows where each cell stands."})
final class AblateCommand implements Callable<Integer> {

    /** Exit code when cells were left unfinished, or the scheduler failed. */
    static final int EXIT_UNFINISHED = 1;

    @Parameters(arity = "0..1", paramLabel = "SPEC.yaml", description = "The experiment spec, with a grid.")
    Path specFile;

    @Option(names = "--assembly", paramLabel = "CLASS", description = "A Guice module overriding every cell's bindings;"
            + " the spec may name the plugins it binds.")
    String assembly;

    @Option(names = "--executor", paramLabel = "NAME", description = "Where the cells run: local (this process,"
            + " the default) or slurm (one job array); overrides the spec's executor section.")
    String executor;

    @Option(names = "--no-wait", description = "With a scheduler: print the job id and return without waiting.")
    boolean noWait;

    @Option(names = "--cell", paramLabel = "KEY", description = "Run only this cell, in this process (the entry"
            + " point for executors and your own scheduler scripts); --list-cells prints the keys.")
    String cell;

    @Option(names = "--list-cells", description = "Print the keys of the grid's cells, one per line, and exit.")
    boolean listCells;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (specFile == null) {
            throw new InvalidInputException("ablate: give the experiment spec (ablate SPEC.yaml), or use"
                    + " 'ablate status OUT'");
        }
        Module user = assembly == null ? null : Experiments.loadModule(assembly);
        Ablation ablation = new Ablation(ExperimentSpecs.load(specFile, Experiments.plugins(user), true), user);
        PrintWriter console = spec.commandLine().getOut();
        if (listCells) {
            ablation.cells().forEach(c -> console.println(c.key()));
            console.flush();
            return 0;
        }
        if (cell != null) {
            return runOneCell(ablation, console);
        }
        CellExecutor cellExecutor = CellExecutors.create(ablation.spec(), executor);
        ablation.validateCells();
        AblationStatus.record(ablation);
        // report OUT rebuilds the results from the cells with this copy
        AtomicFiles.write(ablation.out().resolve(Ablation.SPEC_COPY), copy -> Files.copy(specFile, copy));
        int total = ablation.cells().size();
        int before = (int) ablation.cells().stream().filter(Ablation.Cell::done).count();
        CellExecutor.Outcome outcome;
        try (ProgressBar bar = noWait ? null : new ProgressBarBuilder().setTaskName("cells").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build()) {
            if (bar != null) {
                bar.stepTo(before);
            }
            CellBatch batch = new AblationBatch(ablation, key -> CellCommand.of(specFile, key, assembly),
                    Path.of("").toAbsolutePath(), !noWait, progress(bar, before));
            outcome = cellExecutor.execute(batch);
        } catch (ExecutorException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("crosspt: " + e.getMessage());
            err.flush();
            return EXIT_UNFINISHED;
        }
        if (!outcome.message().isEmpty()) {
            console.println(outcome.message());
        }
        if (!outcome.finished()) {
            console.flush();
            return noWait ? 0 : EXIT_UNFINISHED;
        }
        ResultsTable table = ablation.report();
        int ran = (int) ablation.cells().stream().filter(Ablation.Cell::done).count() - before;
        console.println();
        console.printf("cells: %d ran, %d skipped (already done), %d in all%n", ran, before, total);
        console.println(table.toConsoleTable("score"));
        console.println("Written to " + ablation.out().toAbsolutePath()
                + ": results.csv, results.md, comparison.md, plots/, cells/");
        console.flush();
        return 0;
    }

    private int runOneCell(Ablation ablation, PrintWriter console) {
        Ablation.Cell one = ablation.cell(cell);
        if (one.done()) {
            console.println("cell " + one.key() + " is already done: " + one.dir());
        } else if (ablation.runCell(one, TrainingListener.none())) {
            console.println("cell " + one.key() + " done: " + one.dir());
        } else {
            console.println("cell " + one.key() + " is being run by another worker; left to it");
        }
        console.flush();
        return 0;
    }

    private static CellBatch.Progress progress(ProgressBar bar, int before) {
        if (bar == null) {
            return new CellBatch.Progress() {};
        }
        return new CellBatch.Progress() {
            @Override
            public void started(CellRef cell) {
                bar.setExtraMessage(cell.key());
            }

            @Override
            public void done(int done, int total) {
                bar.stepTo(before + done);
            }
        };
    }
}
