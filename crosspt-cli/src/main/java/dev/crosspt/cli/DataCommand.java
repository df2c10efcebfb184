package dev.crosspt.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Groups the dataset commands. */
@Command(name = "data", mixinStandardHelpOptions = true, header = "Looks at datasets before training on them.",
        subcommands = {DataInspectCommand.class})
final class DataCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
