package dev.crosspt.experiment;

import dev.crosspt.api.backbone.Decoding;
import dev.crosspt.data.TaskData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 * @param decoding how generating tasks decode (greedy or beam search, and the token budget)
 * @param maxNewTokens per-task token budgets overriding {@code decoding}'s
 */
public record DataSettings(Path dir, List<String> tasks, int shots, boolean perLabel, long seed, String labels,
        boolean prefix, boolean generate, Decoding decoding, Map<String, Integer> maxNewTokens) {

    /** Copies the task list and budgets; no decoding means {@link TaskData#DEFAULT_DECODING}. */
    public DataSettings {
        tasks = List.copyOf(tasks);
        decoding = decoding == null ? TaskData.DEFAULT_DECODING : decoding;
        maxNewTokens = Map.copyOf(maxNewTokens);
    }

    /**
     * Data settings that decode with {@link TaskData#DEFAULT_DECODING}.
     *
     * @param dir task data
     * @param tasks task names, or empty for all
     * @param shots k
     * @param perLabel k per label
     * @param seed the few-shot seed
     * @param labels natural or synthetic
     * @param prefix inputs lead with the task name
     * @param generate predict by generation
     */
    public DataSettings(Path dir, List<String> tasks, int shots, boolean perLabel, long seed, String labels,
            boolean prefix, boolean generate) {
        this(dir, tasks, shots, perLabel, seed, labels, prefix, generate, TaskData.DEFAULT_DECODING, Map.of());
    }
}
