package dev.crosspt.cli;

import dev.crosspt.api.backbone.BackboneAdapter;
import dev.crosspt.demo.DemoSuite;
import dev.crosspt.demo.Learnability;
import dev.crosspt.djl.demo.DemoModelGenerator;
import dev.crosspt.train.TrainingListener;
import dev.crosspt.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./crosspt bench learnability}: vanilla prompt tuning on the demo tasks' full training sets. */
@Command(
        name = "learnability",
        mixinStandardHelpOptions = true,
        header = "Checks each demo task is learnable (80%% target).",
        description = {
            "Trains vanilla prompt tuning (P) on the full training pool of every task of a demo suite and prints its "
                + "test accuracy against the 80%% target: the check that the demo's tasks are learnable at all."
        })
final class BenchLearnabilityCommand implements Callable<Integer> {

    @Option(names = "--steps", defaultValue = "3000", paramLabel = "N", description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--lr", defaultValue = "0.3", paramLabel = "RATE",
            description = "The prompt's learning rate (default: ${DEFAULT-VALUE}; 1.0 learns faster at first, and"
                    + " less far by 1,200 steps).")
    double learningRate;

    @Option(names = "--suite", defaultValue = "clusters", paramLabel = "NAME",
            description = "clusters or disjoint (default: ${DEFAULT-VALUE}).")
    String suite;

    @Option(names = "--relatedness", defaultValue = "1", paramLabel = "R",
            description = "For clusters: 1, 0.5 or 0, each with rules the others lack (default: ${DEFAULT-VALUE}).")
    double relatedness;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--model-cache", paramLabel = "DIR", description = "Where the generated demo model is kept.")
    Path modelCache;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DemoSuite demoSuite = DemoSuite.parse(suite);
        if (demoSuite == DemoSuite.CLUSTERS) {
            dev.crosspt.demo.ClusterSuite.rules(relatedness);
        }
        Path model = DemoModelGenerator.ensure(modelCache != null ? modelCache : DemoCommand.defaultCache(),
                line -> System.err.println("[bench] " + line));
        TrainingResult result;
        long start = System.nanoTime();
        engine.threadsUnlessGiven(spec.commandLine().getParseResult(), DemoCommand.DEMO_THREADS);
        try (BackboneAdapter backbone = engine.loadT5(model.toString(), 64, 4)) {
            result = Learnability.run(backbone, demoSuite, relatedness, steps, learningRate, seed, new TrainingListener() {
                @Override
                public void onEvaluation(int step, double devScore, Map<String, Double> perTask) {
                    System.err.printf(Locale.ROOT, "[bench] step %d: dev accuracy %.3f %s%n", step, devScore, perTask);
                }
            });
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("| task | test accuracy | target |");
        out.println("| --- | --- | --- |");
        boolean all = true;
        for (int t = 0; t < result.tasks().size(); t++) {
            double accuracy = result.testScores().get(t);
            all &= accuracy >= Learnability.TARGET;
            out.printf(Locale.ROOT, "| %s | %.1f%% | >= %.0f%% |%n", result.tasks().get(t), 100 * accuracy,
                    100 * Learnability.TARGET);
        }
        out.printf(Locale.ROOT, "%s: every task at or above the target: %s (%d steps, %.0f s)%n", all ? "PASS" : "FAIL",
                all, steps, (System.nanoTime() - start) / 1e9);
        out.flush();
        return all ? 0 : 1;
    }
}
