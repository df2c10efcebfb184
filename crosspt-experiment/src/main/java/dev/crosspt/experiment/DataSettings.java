package dev.crosspt.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * The data side of an experiment: which tasks, and how the few-shot protocol samples and formats them.
 *
 * @param dir a folder of task directories, or one task directory
 * @param tasks the task names to train together, or empty for every task found
 * @param shots k, training examples per task (or per label)
 * @param perLabel k per label instead of k in total
 * @param seed the few-shot sampling and carving seed
 * @param labels {@code natural} or {@code synthetic}
 * @param prefix whether inputs lead with the task's name
 * @param generate predict by generation instead of rank classification
 */
public record DataSettings(Path dir, List<String> tasks, int shots, boolean perLabel, long seed, String labels,
        boolean prefix, boolean generate) {

    /** Copies the task list. */
    public DataSettings {
        tasks = List.copyOf(tasks);
    }
}
