package dev.crosspt.cli;

import com.google.inject.Module;
import dev.crosspt.experiment.Ablation;
import dev.crosspt.experiment.ExperimentSpecs;
import dev.crosspt.experiment.Experiments;
import dev.crosspt.report.ResultsTable;
import java.io.PrintWriter;
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
@Command(name = "ablate", mixinStandardHelpOptions = true,
        header = "Runs every cell of a spec's grid against its baseline.",
        description = {"Each cell is trained into OUT/cells/<cell-key>/; cells that already have results.csv are "
            + "skipped, so an interrupted ablation resumes. Then OUT/results.csv, results.md, plots/ and "
            + "comparison.md (paired t-tests against the baseline) are written."})
final class AblateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SPEC.yaml", description = "The experiment spec, with a grid.")
    Path specFile;

    @Option(names = "--assembly", paramLabel = "CLASS", description = "A Guice module overriding every cell's bindings;"
            + " the spec may name the plugins it binds.")
    String assembly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Module user = assembly == null ? null : Experiments.loadModule(assembly);
        Ablation ablation = new Ablation(ExperimentSpecs.load(specFile, Experiments.plugins(user), true), user);
        PrintWriter console = spec.commandLine().getOut();
        int[] skipped = {0};
        int ran;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("cells").setInitialMax(ablation.cells().size())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build()) {
            ran = ablation.run(new Ablation.Listener() {
                @Override
                public void onCell(Ablation.Cell cell, int index, int total, boolean skip) {
                    bar.setExtraMessage(cell.key());
                    if (skip) {
                        skipped[0]++;
                        bar.step();
                    }
                }

                @Override
                public void onCellDone(Ablation.Cell cell) {
                    bar.step();
                }
            });
        }
        ResultsTable table = ablation.report();
        console.println();
        console.printf("cells: %d ran, %d skipped (already done), %d in all%n", ran, skipped[0], ablation.cells().size());
        console.println(table.toConsoleTable("score"));
        console.println("Written to " + ablation.out().toAbsolutePath()
                + ": results.csv, results.md, comparison.md, plots/, cells/");
        console.flush();
        return 0;
    }
}
