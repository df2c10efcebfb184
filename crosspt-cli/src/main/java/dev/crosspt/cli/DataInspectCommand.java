package dev.crosspt.cli;

import dev.crosspt.data.Example;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.format.TaskFormatter;
import dev.crosspt.data.format.Verbalizer;
import dev.crosspt.run.DatasetRun;
import dev.crosspt.t5.T5Tokenizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./crosspt data inspect DIR}: tasks found, split sizes, label distribution, one example per task. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        header = "Shows each task's splits, labels and one formatted example.",
        description = {"Reads GLUE, SuperGLUE, SQuAD or task.json datasets and shows, per task: split sizes, the "
            + "label distribution (for free-text targets: how many have several gold answers), what was skipped "
            + "and why, and one example formatted as the model will see it; with --tokenizer, how many inputs "
            + "training would cut."})
final class DataInspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "A folder of task directories, or one task directory.")
    Path dir;

    @Option(names = "--tokenizer", paramLabel = "MODEL_DIR", description = "A checkpoint directory whose "
            + "tokenizer.json counts each input's tokens, so that the inputs longer than --max-input-tokens (which "
            + "training cuts) are counted per split.")
    Path tokenizer;

    @Option(names = "--max-input-tokens", defaultValue = "400", paramLabel = "N", description = "Input tokens "
            + "training keeps, as train's option of that name (default: ${DEFAULT-VALUE}).")
    int maxInputTokens;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<RawTask> tasks = DatasetRun.readTasks(dir);
        PrintWriter out = spec.commandLine().getOut();
        try (T5Tokenizer counter = tokenizer == null ? null : T5Tokenizer.load(tokenizer, 0, 1)) {
            print(tasks, out, counter);
        }
        out.flush();
        return 0;
    }

    private void print(List<RawTask> tasks, PrintWriter out, T5Tokenizer counter) {
        out.println(tasks.size() + " task" + (tasks.size() == 1 ? "" : "s") + " in " + dir);
        for (RawTask task : tasks) {
            out.println();
            boolean generative = task.kind().generative();
            out.println(task.name() + " (" + task.kind().name().toLowerCase(java.util.Locale.ROOT) + ", labels "
                    + (generative ? "free text" : task.labels().isEmpty() ? "numeric" : task.labels()) + ")");
            TaskFormatter formatter = TaskFormatter.forTask(task, Verbalizer.natural(task), true);
            new TreeMap<>(task.splits()).forEach((split, examples) -> {
                String cut = counter == null ? "" : "; " + longInputs(examples, formatter, counter) + " of them cut to "
                        + maxInputTokens + " input tokens";
                out.printf("  %-22s %7d  %s%s%n", split, examples.size(),
                        generative ? answers(examples) : distribution(examples), cut);
            });
            task.skipped().forEach((reason, count) -> out.printf("  skipped %d: %s%n", count, reason));
            RawExample first = task.split("train").stream().findFirst().orElse(null);
            if (first != null) {
                Example formatted = formatter.format(first);
                out.println("  example (" + first.origin() + "):");
                out.println("    input:  " + formatted.input());
                out.println("    target: " + formatted.target());
            }
        }
    }

    /** How many records' formatted input is longer than {@code --max-input-tokens} (with its {@code </s>}). */
    private long longInputs(List<RawExample> examples, TaskFormatter formatter, T5Tokenizer counter) {
        return examples.stream().filter(e -> formatter.fields().stream().allMatch(e.fields()::containsKey))
                .filter(e -> counter.encode(formatter.format(e).input()).length > maxInputTokens).count();
    }

    /** For free-text targets: how many records have several gold answers, and the longest target in words. */
    private static String answers(List<RawExample> examples) {
        long several = examples.stream().filter(e -> e.answers().size() > 1).count();
        int longest = examples.stream().filter(e -> e.label() != null)
                .mapToInt(e -> e.label().isBlank() ? 0 : e.label().strip().split("\\s+").length).max().orElse(0);
        return several + " with several gold answers, longest target " + longest + " words";
    }

    private static String distribution(List<RawExample> examples) {
        Map<String, Integer> counts = new TreeMap<>();
        for (RawExample e : examples) {
            counts.merge(e.label() == null ? "(unlabelled)" : e.label(), 1, Integer::sum);
        }
        return counts.size() > 8 ? counts.size() + " distinct labels" : counts.toString();
    }
}
