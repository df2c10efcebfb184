package dev.crosspt.cli;

import dev.crosspt.data.Example;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.format.TaskFormatter;
import dev.crosspt.data.format.Verbalizer;
import dev.crosspt.run.DatasetRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./crosspt data inspect DIR}: tasks found, split sizes, label distribution, one example per task. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        header = "Shows each task's splits, labels and one formatted example.",
        description = {"Reads GLUE, SuperGLUE or task.json datasets and shows, per task: split sizes, the label "
            + "distribution, what was skipped and why, and one example formatted as the model will see it."})
final class DataInspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "A folder of task directories, or one task directory.")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<RawTask> tasks = DatasetRun.readTasks(dir);
        PrintWriter out = spec.commandLine().getOut();
        out.println(tasks.size() + " task" + (tasks.size() == 1 ? "" : "s") + " in " + dir);
        for (RawTask task : tasks) {
            out.println();
            out.println(task.name() + " (" + task.kind().name().toLowerCase(java.util.Locale.ROOT) + ", labels "
                    + (task.labels().isEmpty() ? "numeric" : task.labels()) + ")");
            new TreeMap<>(task.splits()).forEach((split, examples) ->
                    out.printf("  %-22s %7d  %s%n", split, examples.size(), distribution(examples)));
            task.skipped().forEach((reason, count) -> out.printf("  skipped %d: %s%n", count, reason));
            RawExample first = task.split("train").stream().findFirst().orElse(null);
            if (first != null) {
                Example formatted = TaskFormatter.forTask(task, Verbalizer.natural(task), true).format(first);
                out.println("  example (" + first.origin() + "):");
                out.println("    input:  " + formatted.input());
                out.println("    target: " + formatted.target());
            }
        }
        out.flush();
        return 0;
    }

    private static String distribution(List<RawExample> examples) {
        Map<String, Integer> counts = new TreeMap<>();
        for (RawExample e : examples) {
            counts.merge(e.label() == null ? "(unlabelled)" : e.label(), 1, Integer::sum);
        }
        return counts.size() > 8 ? counts.size() + " distinct labels" : counts.toString();
    }
}
