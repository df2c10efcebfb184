package dev.crosspt.cli;

import com.google.inject.Module;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.experiment.Experiment;
import dev.crosspt.experiment.ExperimentSpec;
import dev.crosspt.experiment.ExperimentSpecs;
import dev.crosspt.experiment.Experiments;
import dev.crosspt.report.ResultsTable;
import dev.crosspt.train.TrainingListener;
import dev.crosspt.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./crosspt run SPEC.yaml [--assembly CLASS]}: one experiment from a spec file and/or a Guice module. */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Runs one experiment from a YAML spec and/or a Guice module.",
        description = {"Runs one experiment described by a YAML spec (see presets/), assembled with Guice, into the "
            + "spec's out: directory (runs/<name> when it has none). A spec with a grid is for `crosspt ablate`.",
            "--assembly names a Guice module on the class path that overrides the spec's bindings (or, without a "
            + "spec, binds everything itself); the spec may name the plugins it binds."})
final class RunCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "SPEC.yaml", description = "The experiment spec.")
    Path specFile;

    @Option(names = "--assembly", paramLabel = "CLASS", description = "A com.google.inject.Module class with a public no-arg constructor.")
    String assembly;

    @Option(names = "--resume", description = "Continue the run in the spec's out directory from its last checkpoint.")
    boolean resume;

    @Option(names = "--overwrite", description = "Replace the run in the spec's out directory; it is swapped out only"
            + " once the new run has finished.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Module user = assembly == null ? null : Experiments.loadModule(assembly);
        // the spec may name plugins that only the module binds
        ExperimentSpec experimentSpec = specFile == null ? null
                : ExperimentSpecs.load(specFile, Experiments.plugins(user), true);
        if (experimentSpec != null && !experimentSpec.grid().isEmpty()) {
            // one cell of it would be run silently otherwise
            throw new InvalidInputException(specFile + ": grid: run trains one experiment and this spec has a grid"
                    + " over " + experimentSpec.grid().keySet() + "; run every cell with ./crosspt ablate " + specFile);
        }
        Experiment experiment = Experiments.experiment(Experiments.injector(experimentSpec, user));
        // runs/<name> is the spec's default; an out: the spec names is the user's choice
        boolean outNamed = experimentSpec == null || experimentSpec.raw().containsKey("out")
                || !experiment.out().path().equals(experimentSpec.out());
        try (RunDirectory dir = RunDirectory.claim(experiment.out().path(), "out:", outNamed, resume, overwrite,
                spec.commandLine().getErr()::println)) {
            TrainingResult result = run(experiment, dir.path());
            dir.commit();
            report(result, dir.target());
        }
        return 0;
    }

    private TrainingResult run(Experiment experiment, Path runDir) {
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("run").setInitialMax(experiment.training().steps())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build()) {
            return experiment.run(new TrainingListener() {
                @Override
                public void onStart(int startStep, int totalSteps) {
                    bar.stepTo(startStep);
                }

                @Override
                public void onStep(int step, double loss) {
                    bar.step();
                    bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f", loss));
                }
            }, resume, runDir);
        }
    }

    private void report(TrainingResult result, Path out) {
        PrintWriter console = spec.commandLine().getOut();
        console.println();
        console.println(ResultsTable.readCsv(out.resolve("results.csv")).toConsoleTable("score"));
        if (result.stoppedEarly()) {
            console.println("Stopped early: " + result.stopReason());
        }
        if (result.endedBy() == TrainingResult.Ending.EARLY_STOPPING) {
            console.printf("Early stopping ended training at step %d (best dev at step %d).%n", result.lastStep(),
                    result.bestStep());
        }
        console.println("Run directory: " + out.toAbsolutePath());
        console.flush();
    }
}
