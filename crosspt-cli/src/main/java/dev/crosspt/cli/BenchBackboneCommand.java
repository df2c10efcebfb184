package dev.crosspt.cli;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.bench.BackboneBenchResult;
import dev.crosspt.bench.BackboneBenchSettings;
import dev.crosspt.bench.BackboneBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./crosspt bench backbone}: throughput, FLOP efficiency, memory growth and a profile of the frozen T5. */
@Command(
        name = "backbone",
        mixinStandardHelpOptions = true,
        header = "Measures T5-small training speed, efficiency and memory.",
        description = {
            "A T5-small shape with random weights (batch 8, 128 input + 100 prompt tokens, 4 targets): training and "
                + "evaluation throughput, and their FLOP efficiency against this machine's fp32 matrix-multiply "
                + "rate on the step's own shapes, sampled before every timed step (medians and ranges); one line "
                + "for the T5-base shape at batch 32; resident memory over 2,000 training steps of the tiny model.",
            "With --profile, where a step and a batch spend their time, by kind of operation."
        })
final class BenchBackboneCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object instead of tables.")
    boolean json;

    @Option(names = "--steps", defaultValue = "10", paramLabel = "N",
            description = "Timed training steps and evaluation batches (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--soak-steps", defaultValue = "2000", paramLabel = "N",
            description = "Tiny-model steps for the memory check; 0 skips it (default: ${DEFAULT-VALUE}).")
    int soakSteps;

    @Option(names = "--base-steps", defaultValue = "1", paramLabel = "N",
            description = "Timed T5-base steps at batch 32, after one warm-up; 0 skips that line"
                    + " (default: ${DEFAULT-VALUE}).")
    int baseSteps;

    @Option(names = "--profile", description = "Also profile 2 training steps and 2 evaluation batches with"
            + " PyTorch's profiler and print where the time went, by kind of operation.")
    boolean profile;

    @Option(names = "--trace", paramLabel = "DIR", description = "With --profile, also keep the profiler's Chrome"
            + " traces in DIR (train-step.trace.json, eval-batch.trace.json; open in chrome://tracing).")
    Path traceDir;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        BackboneBenchSettings standard = BackboneBenchSettings.standard();
        BackboneBenchSettings settings;
        try {
            settings = new BackboneBenchSettings(standard.batch(), standard.inputTokens(), standard.promptTokens(),
                    standard.targetTokens(), standard.warmupSteps(), steps, steps, soakSteps, profile ? 2 : 0,
                    baseSteps, standard.seed());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("bench backbone: " + e.getMessage());
        }
        if (traceDir != null && !profile) {
            throw new InvalidInputException("bench backbone: --trace needs --profile");
        }
        if (traceDir != null && Files.exists(traceDir) && !Files.isDirectory(traceDir)) {
            throw new InvalidInputException("bench backbone: --trace expected a directory, but " + traceDir
                    + " is a file");
        }
        try (ScratchDirectory scratch = new ScratchDirectory("crosspt-bench-")) {
            Path work = scratch.path();
            BackboneBenchResult result = new BackboneBenchmark(settings, engine.start(), work,
                    traceDir != null ? traceDir : work, line -> System.err.println("[bench] " + line)).run();
            System.out.print(json ? result.toJson() + System.lineSeparator() : result.toTable());
            return 0;
        }
    }
}
