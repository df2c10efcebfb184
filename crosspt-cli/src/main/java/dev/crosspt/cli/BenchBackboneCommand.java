package dev.crosspt.cli;

import dev.crosspt.bench.BackboneBenchResult;
import dev.crosspt.bench.BackboneBenchSettings;
import dev.crosspt.bench.BackboneBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./crosspt bench backbone}: throughput, FLOP efficiency and memory growth of the frozen T5. */
@Command(
        name = "backbone",
        mixinStandardHelpOptions = true,
        header = "Measures T5-small training speed, efficiency and memory.",
        description = {
            "A T5-small shape with random weights (batch 8, 128 input + 100 prompt tokens, 4 targets): training and "
                + "evaluation throughput, peak RSS, this machine's fp32 matrix-multiply rate and the training step's "
                + "FLOP efficiency; then resident memory over 2,000 training steps of the tiny model."
        })
final class BenchBackboneCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--steps", defaultValue = "8", paramLabel = "N", description = "Timed training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--soak-steps", defaultValue = "2000", paramLabel = "N",
            description = "Tiny-model steps for the memory check; 0 skips it (default: ${DEFAULT-VALUE}).")
    int soakSteps;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        BackboneBenchSettings standard = BackboneBenchSettings.standard();
        BackboneBenchSettings settings;
        try {
            settings = new BackboneBenchSettings(standard.batch(), standard.inputTokens(), standard.promptTokens(),
                    standard.targetTokens(), standard.warmupSteps(), steps, standard.evalBatches(), soakSteps,
                    standard.gemmSize(), standard.seed());
        } catch (IllegalArgumentException e) {
            throw new dev.crosspt.api.InvalidInputException("bench backbone: " + e.getMessage());
        }
        try (ScratchDirectory scratch = new ScratchDirectory("crosspt-bench-")) {
            Path work = scratch.path();
            BackboneBenchResult result = new BackboneBenchmark(settings, engine.start(), work,
                    line -> System.err.println("[bench] " + line)).run();
            System.out.print(json ? result.toJson() + System.lineSeparator() : result.toTable());
            return 0;
        }
    }
}
