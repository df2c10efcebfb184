package dev.crosspt.cli;

import picocli.CommandLine.Command;

/** Groups the benchmarks; each prints figures rather than asserting them. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        header = "Benchmarks that print figures (speed, efficiency, memory).",
        subcommands = {BenchBackboneCommand.class, BenchLearnabilityCommand.class, BenchOnnxCommand.class,
            BenchRoutersCommand.class})
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
