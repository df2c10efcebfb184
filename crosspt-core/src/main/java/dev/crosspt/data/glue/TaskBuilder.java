package dev.crosspt.data.glue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a task's splits while its files are read: checks labels, counts skipped records by reason, and
 * refuses a split that ends up empty. Shared by all readers so that they report problems alike.
 */
final class TaskBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(TaskBuilder.class);

    private final String name;
    private final TaskKind kind;
    private List<String> labels;
    private final double min;
    private final double max;
    private final Map<String, List<RawExample>> splits = new LinkedHashMap<>();
    private final Map<String, Integer> skipped = new LinkedHashMap<>();

    /**
     * Starts a task.
     *
     * @param labels the label set of a classification task, null while it is still to be inferred
     * @param min the smallest value a regression label may take
     * @param max the largest value a regression label may take
     */
    TaskBuilder(String name, TaskKind kind, List<String> labels, double min, double max) {
        this.name = name;
        this.kind = kind;
        this.labels = labels == null ? null : List.copyOf(labels);
        this.min = min;
        this.max = max;
    }

    String name() {
        return name;
    }

    TaskKind kind() {
        return kind;
    }

    /** Sets the label set once it has been inferred. */
    void labels(List<String> inferred) {
        this.labels = List.copyOf(inferred);
    }

    /**
     * Checks a label as the file writes it.
     *
     * @return the label, unchanged
     * @throws InvalidInputException if it is not one of the task's labels, or for regression not a number in range
     */
    String checkLabel(String label, String origin) {
        if (kind == TaskKind.REGRESSION) {
            double value;
            try {
                value = Double.parseDouble(label.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(origin + ": label '" + label + "' is not a number (task '" + name
                        + "' is a regression task)", e);
            }
            if (!(value >= min && value <= max)) {
                throw new InvalidInputException(origin + ": label '" + label + "' is outside [" + fmt(min) + ", "
                        + fmt(max) + "] (task '" + name + "')");
            }
        } else if (labels != null && !labels.contains(label)) {
            throw new InvalidInputException(origin + ": label '" + label + "' is not one of " + labels);
        }
        return label;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Counts one skipped record under a reason; the first of each reason is logged with its origin. */
    void skip(String reason, String origin) {
        int n = skipped.merge(reason, 1, Integer::sum);
        if (n == 1) {
            LOG.warn("{}: skipping a record ({}); later ones are counted", origin, reason);
        }
    }

    /** How many records have been skipped so far under reasons that start with a prefix. */
    int skippedWithPrefix(String prefix) {
        return skipped.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /**
     * Adds a split read from one file.
     *
     * @param fileLabel how error messages name the file
     * @param skippedPrefix the prefix of the skip reasons counted for this file, to explain an empty split
     * @throws InvalidInputException if the split has no examples
     */
    void addSplit(String split, String fileLabel, List<RawExample> examples, String skippedPrefix) {
        if (examples.isEmpty()) {
            int lost = skippedWithPrefix(skippedPrefix);
            throw new InvalidInputException(fileLabel + ": no examples" + (lost > 0
                    ? " left: all " + lost + " records were skipped (" + reasons(skippedPrefix) + ")"
                    : ", expected at least one record") + " (split '" + split + "' of task '" + name + "')");
        }
        splits.put(split, new ArrayList<>(examples));
    }

    private String reasons(String prefix) {
        return String.join("; ", skipped.keySet().stream().filter(k -> k.startsWith(prefix)).toList());
    }

    /** The task as read. */
    RawTask build() {
        List<String> taskLabels = kind == TaskKind.REGRESSION || labels == null ? List.of() : labels;
        RawTask task = new RawTask(name, kind, taskLabels, splits, skipped);
        if (LOG.isInfoEnabled()) {
            Map<String, Integer> sizes = new LinkedHashMap<>();
            splits.forEach((k, v) -> sizes.put(k, v.size()));
            LOG.info("task {}: splits {}{}", name, sizes, skipped.isEmpty() ? "" : ", skipped " + skipped);
        }
        return task;
    }
}
