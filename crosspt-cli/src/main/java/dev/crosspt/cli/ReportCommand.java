package dev.crosspt.cli;

import dev.crosspt.experiment.Ablation;
import dev.crosspt.report.ResultsTable;
import dev.crosspt.run.RunReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./crosspt report RUN_DIR...}: tables and plots rebuilt from finished runs. */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Rebuilds tables and plots from finished runs.",
        description = {"Rebuilds results tables (CSV, Markdown) and plots (learning curves, router heatmaps, "
            + "metric against shots) from one or more finished demo or train runs, without training.",
            "Given an ablation's directory, rebuilds its results, plots and comparison.md there, from its "
            + "finished cells."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Finished run directories.")
    List<Path> runs;

    @Option(names = "--metric", defaultValue = "accuracy", paramLabel = "METRIC", description = "Metric to tabulate and plot: accuracy (demo),"
            + " score (train), or any metric in results.csv (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--out", defaultValue = "runs/report", paramLabel = "DIR", description = "Where to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (runs.size() == 1 && Files.isRegularFile(runs.get(0).resolve(Ablation.SPEC_COPY))) {
            return ablation(runs.get(0));
        }
        ResultsTable table = new RunReport(runs).write(out, metric);
        PrintWriter console = spec.commandLine().getOut();
        console.println(table.toConsoleTable(metric));
        console.println("Written to " + out.toAbsolutePath() + ": results.csv, results.md, plots/");
        console.flush();
        return 0;
    }

    private int ablation(Path dir) {
        ResultsTable table = Ablation.reopen(dir).report();
        PrintWriter console = spec.commandLine().getOut();
        console.println(table.toConsoleTable("score"));
        console.println("Written to " + dir.toAbsolutePath() + ": results.csv, results.md, comparison.md, plots/");
        console.flush();
        return 0;
    }
}
