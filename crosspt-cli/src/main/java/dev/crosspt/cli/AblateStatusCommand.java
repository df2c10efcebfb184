package dev.crosspt.cli;

import dev.crosspt.experiment.execute.AblationStatus;
import dev.crosspt.experiment.execute.AblationStatus.State;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./crosspt ablate status OUT}: every cell of an ablation directory and where it stands. */
@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Shows where each cell of an ablation stands.",
        description = {"Shows every cell of an ablation directory: done, running (and by whom), pending (queued or "
            + "not started), or failed with the last lines of its log. Run ablate again to rerun failed cells."})
final class AblateStatusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "OUT", description = "The ablation's directory (the spec's out).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AblationStatus.Report report = AblationStatus.of(out);
        PrintWriter console = spec.commandLine().getOut();
        for (AblationStatus.Row row : report.rows()) {
            console.printf("%-8s %s%s%n", row.state().name().toLowerCase(Locale.ROOT), row.key(),
                    row.detail().isEmpty() ? "" : "  (" + row.detail() + ")");
            row.logTail().forEach(line -> console.println("         | " + line));
        }
        console.printf("%d cells: %d done, %d running, %d pending, %d failed%n", report.rows().size(),
                report.count(State.DONE), report.count(State.RUNNING), report.count(State.PENDING),
                report.count(State.FAILED));
        console.flush();
        PrintWriter err = spec.commandLine().getErr();
        report.warnings().forEach(w -> err.println("crosspt: warning: " + w));
        err.flush();
        return 0;
    }
}
