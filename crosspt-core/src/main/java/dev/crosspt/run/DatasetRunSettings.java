package dev.crosspt.run;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.train.TrainingSettings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * What {@code ./crosspt train} runs.
 *
 * @param data a folder of task directories (GLUE, SuperGLUE or {@code task.json} specs), or one task directory
 * @param tasks the task names to train on together, or empty for every task found
 * @param shots k, training examples per task (or per label)
 * @param perLabel true for k per label, false for k in total (balanced by label)
 * @param dataSeed the seed of the few-shot sample and the dev/test carving (the authors use 123)
 * @param labels {@code natural} or {@code synthetic} target words
 * @param prefix whether inputs lead with the task's name
 * @param generate true to predict by greedy generation and parsing; false (the default) for rank classification
 *     over the label words (regression tasks always generate)
 * @param training the trainer's settings (its seed is the run's seed)
 * @param out the run directory
 */
public record DatasetRunSettings(
        Path data, List<String> tasks, int shots, boolean perLabel, long dataSeed, String labels, boolean prefix,
        boolean generate, TrainingSettings training, Path out) {

    /** Validates the settings. */
    public DatasetRunSettings {
        tasks = List.copyOf(tasks);
        if (new HashSet<>(tasks).size() != tasks.size()) {
            throw new InvalidInputException("--tasks: a task is named twice in " + tasks);
        }
        if (shots < 1) {
            throw new InvalidInputException("--shots: expected a positive number, got " + shots);
        }
        if (!labels.equals("natural") && !labels.equals("synthetic")) {
            throw new InvalidInputException("--labels: expected natural or synthetic, got '" + labels + "'");
        }
    }
}
