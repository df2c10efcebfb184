package dev.crosspt.cli;

import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.demo.DemoRun;
import dev.crosspt.demo.DemoSettings;
import dev.crosspt.demo.DemoSuite;
import dev.crosspt.demo.SuiteExport;
import dev.crosspt.djl.demo.DemoModelGenerator;
import dev.crosspt.report.ResultsTable;
import dev.crosspt.train.EarlyStopping;
import dev.crosspt.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
            "Runs CrossPT on built-in synthetic tasks with the embedded small T5: P, SL, SLP and SLP with learned "
                + "source pruning, few-shot, over several seeds, each run until its dev curve is flat, on one thread "
                + "unless --threads says otherwise. No downloads.",
            "--suite clusters (default): two clusters of three tasks sharing a rule as far as --relatedness says; "
                + "--suite disjoint: four tasks that share nothing (the negative control).",
            "Prints a results table and writes a run directory: results.csv, results.md, manifest.json, router "
                + "weights, checkpoints and plots. An existing run in --out is kept: --resume continues it, "
                + "--overwrite replaces it, and without either the default directory moves aside to runs/demo-2."
        })
final class DemoCommand implements Callable<Integer> {

    /** The seed of the demo's synthetic data. */
    private static final long DATA_SEED = 7;
    /** PyTorch threads unless --threads is given (see {@link EngineOptions#threadsUnlessGiven}). */
    static final int DEMO_THREADS = 1;

    @Option(names = "--out", defaultValue = "runs/demo", paramLabel = "DIR", description = "Run directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--suite", defaultValue = "clusters", paramLabel = "NAME",
            description = "clusters or disjoint (default: ${DEFAULT-VALUE}).")
    String suite;

    @Option(names = "--relatedness", defaultValue = "1", paramLabel = "R",
            description = "How much of its rule a cluster's tasks share: 1, 0.5 or 0 (default: ${DEFAULT-VALUE}).")
    double relatedness;

    @Option(names = "--shots", defaultValue = "8", paramLabel = "K", description = "Training examples per task (default: ${DEFAULT-VALUE}).")
    int shots;

    @Option(names = "--seeds", defaultValue = "1,2,3", split = ",", paramLabel = "SEED", description = "Seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--steps", defaultValue = "1200", paramLabel = "N",
            description = "Most optimizer steps per run; early stopping usually ends a run sooner (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--eval-every", defaultValue = "50", paramLabel = "N", description = "Steps between dev evaluations (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--min-steps", defaultValue = "300", paramLabel = "N",
            description = "Train every run at least N steps before early stopping may end it (default: ${DEFAULT-VALUE}).")
    int minSteps;

    @Option(names = "--patience", defaultValue = "3", paramLabel = "N",
            description = "Stop a run once its dev curve (a trailing mean of 3 evaluations) has had no new best for N"
                    + " evaluations and for half the steps it took to reach that best (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--model-cache", paramLabel = "DIR",
            description = "Where the generated demo model is kept (default: ~/.cache/crosspt/demo-t5-r" + DemoModelGenerator.RECIPE + ").")
    Path modelCache;

    @Option(names = "--regenerate-model", description = "Train the demo model again from its recipe into --model-cache"
            + " (with its SHA256SUMS) instead of using the shipped copy; on another CPU it comes out different.")
    boolean regenerateModel;

    @Option(names = "--export", paramLabel = "DIR",
            description = "Write the suites as task.json folders (clusters-r1, clusters-r0.5, clusters-r0, disjoint)"
                    + " and the demo model (model/) into DIR for run and ablate, then stop without training.")
    Path export;

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

    /** The early-stopping rule of the flags; bad values are named by their flags, not the rule's spec keys. */
    private EarlyStopping stopping() {
        return EarlyStopping.checked(minSteps, patience, 0, 3, key -> "--" + key.replace('_', '-'));
    }

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        DemoSuite demoSuite = DemoSuite.parse(suite);
        Path modelDir = modelCache != null ? modelCache : defaultCache();
        Path model = regenerateModel ? DemoModelGenerator.generate(modelDir, line -> System.err.println("[demo] " + line))
                : DemoModelGenerator.ensure(modelDir, line -> System.err.println("[demo] " + line));
        if (export != null) {
            return export(model, console);
        }
        try (RunDirectory dir = RunDirectory.claim(out, "--out", spec.commandLine().getParseResult()
                .hasMatchedOption("--out"), resume, overwrite, spec.commandLine().getErr()::println)) {
            ResultsTable table = demo(model, new DemoSettings(dir.path(), demoSuite, relatedness, shots, seeds, steps,
                    evalEvery, stopping(), DATA_SEED));
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

    private ResultsTable demo(Path model, DemoSettings settings) {
        engine.threadsUnlessGiven(spec.commandLine().getParseResult(), DEMO_THREADS);
        try (BackboneAdapter backbone = engine.loadT5(model.toString(), 64, 4)) {
            DemoRun demo = new DemoRun(backbone, settings);
            int runs = demo.methods().size() * seeds.size();
            ProgressBar bar = new ProgressBarBuilder().setTaskName("demo").setInitialMax((long) runs * steps)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
            int[] started = {0};
            try (bar) {
                ResultsTable table = demo.run((method, seed) -> new TrainingListener() {
                    @Override
                    public void onStart(int startStep, int totalSteps) {
                        // runs that stopped early leave the rest of their steps: each run starts at its share
                        bar.setExtraMessage(method + " seed " + seed);
                        bar.stepTo((long) started[0]++ * steps + startStep);
                    }

                    @Override
                    public void onStep(int step, double loss) {
                        bar.step();
                    }
                }, resume);
                bar.stepTo(bar.getMax());
                return table;
            }
        }
    }

    private int export(Path model, PrintWriter console) {
        for (Path suite : SuiteExport.write(export, DATA_SEED)) {
            console.println("suite: " + suite);
        }
        Path copy = export.resolve("model");
        try (var files = Files.list(model)) {
            Files.createDirectories(copy);
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the demo model into " + copy, e);
        }
        console.println("model: " + copy + " (a copy of " + model + ")");
        console.flush();
        return 0;
    }

    static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("crosspt").resolve("demo-t5-r" + DemoModelGenerator.RECIPE);
    }
}
