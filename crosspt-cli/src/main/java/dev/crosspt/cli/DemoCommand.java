package dev.crosspt.cli;

import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.demo.DemoRun;
import dev.crosspt.demo.DemoSettings;
import dev.crosspt.djl.demo.DemoModelGenerator;
import dev.crosspt.report.ResultsTable;
import dev.crosspt.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./crosspt demo}: the embedded default, no arguments and no downloads. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        header = "Runs the main methods on built-in tasks with a small T5.",
        description = {
            "Runs CrossPT on the built-in synthetic tasks with the embedded small T5: P, SL, SLP and SLP with learned "
                + "source pruning, few-shot, over several seeds. No downloads.",
            "Prints a results table and writes a run directory: results.csv, results.md, manifest.json, router "
                + "weights, checkpoints and plots. An existing run in --out is kept: --resume continues it, "
                + "--overwrite replaces it, and without either the default directory moves aside to runs/demo-2."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "runs/demo", paramLabel = "DIR", description = "Run directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--shots", defaultValue = "32", paramLabel = "K", description = "Training examples per task (default: ${DEFAULT-VALUE}).")
    int shots;

    @Option(names = "--seeds", defaultValue = "1,2,3", split = ",", paramLabel = "SEED", description = "Seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--steps", defaultValue = "200", paramLabel = "N", description = "Optimizer steps per run (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--eval-every", defaultValue = "50", paramLabel = "N", description = "Steps between dev evaluations (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--model-cache", paramLabel = "DIR",
            description = "Where the generated demo model is kept (default: ~/.cache/crosspt/demo-t5-r" + DemoModelGenerator.RECIPE + ").")
    Path modelCache;

    @Option(names = "--resume", description = "Continue an interrupted demo in --out: finished runs are read back,"
            + " an interrupted run continues from its last checkpoint.")
    boolean resume;

    @Option(names = "--overwrite", description = "Replace the demo in --out; it is swapped out only once the new"
            + " demo has finished.")
    boolean overwrite;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        try (RunDirectory dir = RunDirectory.claim(out, "--out", spec.commandLine().getParseResult()
                .hasMatchedOption("--out"), resume, overwrite, spec.commandLine().getErr()::println)) {
            ResultsTable table = demo(new DemoSettings(dir.path(), shots, seeds, steps, evalEvery, 7));
            dir.commit();
            console.println();
            console.println(table.toConsoleTable("accuracy"));
            console.println("Run directory: " + dir.target().toAbsolutePath());
            console.println("  results.csv, results.md, manifest.json, plots/learning-curves.png, plots/router-*.png,"
                    + " runs/<method>/seed-<n>/ (checkpoints, router weights)");
            console.flush();
        }
        return 0;
    }

    private ResultsTable demo(DemoSettings settings) {
        Path modelDir = modelCache != null ? modelCache : defaultCache();
        Path model = DemoModelGenerator.ensure(modelDir, line -> System.err.println("[demo] " + line));
        try (BackboneAdapter backbone = engine.loadT5(model.toString(), 64, 4)) {
            DemoRun demo = new DemoRun(backbone, settings);
            int runs = demo.methods().size() * seeds.size();
            ProgressBar bar = new ProgressBarBuilder().setTaskName("demo").setInitialMax((long) runs * steps)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
            try (bar) {
                return demo.run((method, seed) -> new TrainingListener() {
                    @Override
                    public void onStart(int startStep, int totalSteps) {
                        bar.setExtraMessage(method + " seed " + seed);
                        bar.stepBy(startStep);
                    }

                    @Override
                    public void onStep(int step, double loss) {
                        bar.step();
                    }
                }, resume);
            }
        }
    }

    static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("crosspt").resolve("demo-t5-r" + DemoModelGenerator.RECIPE);
    }
}
