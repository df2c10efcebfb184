package dev.crosspt.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Groups the commands that score prediction files the way the reference Python tools do. */
@Command(name = "score", mixinStandardHelpOptions = true,
        header = "Scores predictions as the SQuAD script or rouge-score does.",
        description = "Scores prediction files exactly as the official SQuAD script or Google's rouge-score does, "
                + "so that numbers can be checked against those Python tools.",
        subcommands = {ScoreSquadCommand.class, ScoreRougeCommand.class})
final class ScoreCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
