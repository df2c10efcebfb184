package dev.crosspt.run;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.backbone.Decoding;
import dev.crosspt.data.TaskData;
import dev.crosspt.train.TrainingSettings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

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
 * @param decoding how generated predictions are decoded (greedy or beam search), for every task that generates
 * @param maxNewTokens tokens generated at most, by task name, overriding {@code decoding}'s budget for that task
 */
public record DatasetRunSettings(
        Path data, List<String> tasks, int shots, boolean perLabel, long dataSeed, String labels, boolean prefix,
        boolean generate, TrainingSettings training, Path out, Decoding decoding, Map<String, Integer> maxNewTokens) {

    /**
     * Settings that decode with {@link TaskData#DEFAULT_DECODING}.
     *
     * @param data task data
     * @param tasks task names, or empty for all
     * @param shots k
     * @param perLabel k per label
     * @param dataSeed the few-shot seed
     * @param labels natural or synthetic
     * @param prefix inputs lead with the task name
     * @param generate predict by generation
     * @param training the trainer's settings
     * @param out the run directory
     */
    public DatasetRunSettings(Path data, List<String> tasks, int shots, boolean perLabel, long dataSeed, String labels,
            boolean prefix, boolean generate, TrainingSettings training, Path out) {
        this(data, tasks, shots, perLabel, dataSeed, labels, prefix, generate, training, out,
                TaskData.DEFAULT_DECODING, Map.of());
    }

    /** The decoding of one task: {@link #decoding()} with the task's own token budget, if it has one. */
    public Decoding decoding(String task) {
        Integer budget = maxNewTokens.get(task);
        return budget == null ? decoding : new Decoding(decoding.numBeams(), decoding.lengthPenalty(),
                decoding.earlyStopping(), budget);
    }

    /** Validates the settings. */
    public DatasetRunSettings {
        tasks = List.copyOf(tasks);
        decoding = decoding == null ? TaskData.DEFAULT_DECODING : decoding;
        maxNewTokens = Map.copyOf(maxNewTokens);
        maxNewTokens.forEach((task, budget) -> {
            if (budget == null || budget < 1) {
                throw new InvalidInputException("--max-new-tokens: task '" + task + "' needs 1 or more, got " + budget);
            }
        });
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
