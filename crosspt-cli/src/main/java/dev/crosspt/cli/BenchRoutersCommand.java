package dev.crosspt.cli;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.bench.RouterBenchmark;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./crosspt bench routers}: each router's training-step overhead relative to the table. */
@Command(
        name = "routers",
        mixinStandardHelpOptions = true,
        header = "Times each router's step against the table's.",
        description = {
            "Trains SLP (3 sources, prompt length 100) on a T5-small shape with random weights, batch 8, 128 input "
                + "tokens, once per router per round (table, linear, mlp, instance with pooled embeddings), and "
                + "prints each router's seconds per step (median and range over every timed step) and its overhead "
                + "relative to the table. Targets: at most 5%% for linear and mlp, at most 10%% for instance."
        })
final class BenchRoutersCommand implements Callable<Integer> {

    private static final Map<String, Double> TARGETS = Map.of("linear", 0.05, "mlp", 0.05, "instance", 0.10);

    @Option(names = "--steps", defaultValue = "6", paramLabel = "N", description = "Timed steps per run (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--rounds", defaultValue = "2", paramLabel = "N", description = "Runs of every router, interleaved (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N", description = "Untimed steps at the start of each run (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RouterBenchmark.Settings settings;
        try {
            settings = new RouterBenchmark.Settings(steps, warmup, rounds, 8, 128, 100, 3, 1);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("bench routers: " + e.getMessage());
        }
        RouterBenchmark.Result result;
        try (ScratchDirectory scratch = new ScratchDirectory("crosspt-bench-routers-")) {
            result = new RouterBenchmark(settings, scratch.path(), model -> engine.loadT5(model.toString(), 128, 4),
                    line -> System.err.println("[bench] " + line)).run();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("| router | seconds per step, median (range, steps) | overhead vs table | target |");
        out.println("| --- | --- | --- | --- |");
        result.seconds().forEach((router, s) -> out.printf(Locale.ROOT, "| %s | %.3f (%.3f-%.3f, %d) | %s | %s |%n",
                router, s.median(), s.min(), s.max(), s.count(),
                router.equals("table") ? "" : String.format(Locale.ROOT, "%+.1f%%", 100 * result.overhead().get(router)),
                TARGETS.containsKey(router) ? String.format(Locale.ROOT, "<= %.0f%%", 100 * TARGETS.get(router)) : ""));
        out.flush();
        return 0;
    }
}
