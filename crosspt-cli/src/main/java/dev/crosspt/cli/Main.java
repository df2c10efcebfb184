package dev.crosspt.cli;

import dev.crosspt.api.InvalidInputException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./crosspt} command line. Bad input (including a file that cannot be read or written) exits with
 * code 2 and a one-line reason; a failed check exits with code 1.
 */
@Command(
        name = "crosspt",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Multi-task soft-prompt tuning (CrossPT) over a frozen T5.",
        description = "Start with `crosspt demo`; `crosspt COMMAND --help` explains each command.",
        subcommands = {DemoCommand.class, TrainCommand.class, DataCommand.class, FetchCommand.class, PeftCommand.class,
            ReportCommand.class, PluginsCommand.class, RunCommand.class, AblateCommand.class,
            VerifyBackboneCommand.class, ExportOnnxCommand.class, BenchCommand.class, ScoreCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for unusable input: a bad file, field or value. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, with crosspt's exception handling. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, line, parseResult) -> {
            if (e instanceof InvalidInputException || e instanceof UncheckedIOException) {
                // bad input, or a file that cannot be read or written: one line, no stack trace
                PrintWriter err = line.getErr();
                String cause = e.getCause() != null && e instanceof UncheckedIOException ? " (" + e.getCause() + ")" : "";
                err.println("crosspt: " + e.getMessage() + cause);
                err.flush();
                return EXIT_BAD_INPUT;
            }
            throw e;
        });
        return cli;
    }
}
