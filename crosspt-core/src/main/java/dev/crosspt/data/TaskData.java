package dev.crosspt.data;

import dev.crosspt.api.backbone.Decoding;
import java.util.List;

/**
 * One task's data, split for training, model selection and the final report.
 *
 * @param name a short task name, used in tables and file names
 * @param labels the candidate target strings that rank classification chooses among (empty for generation)
 * @param train training examples
 * @param dev examples for evaluation during training and best-checkpoint selection
 * @param test examples for the final evaluation
 * @param decoding how predictions are generated when the task has no labels to rank
 */
public record TaskData(String name, List<String> labels, List<Example> train, List<Example> dev, List<Example> test,
        Decoding decoding) {

    /** Greedy decoding of up to 16 tokens: what tasks without their own decoding settings get. */
    public static final Decoding DEFAULT_DECODING = Decoding.greedy(16);

    /**
     * A task decoded with {@link #DEFAULT_DECODING}.
     *
     * @param name a short task name
     * @param labels the candidate target strings (empty for generation)
     * @param train training examples
     * @param dev examples for model selection
     * @param test examples for the final evaluation
     */
    public TaskData(String name, List<String> labels, List<Example> train, List<Example> dev, List<Example> test) {
        this(name, labels, train, dev, test, DEFAULT_DECODING);
    }

    /** Validates and freezes the lists. */
    public TaskData {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a task needs a name");
        }
        decoding = decoding == null ? DEFAULT_DECODING : decoding;
        labels = List.copyOf(labels);
        train = List.copyOf(train);
        dev = List.copyOf(dev);
        test = List.copyOf(test);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("task '" + name + "' has no training examples");
        }
        for (List<Example> split : List.of(train, dev, test)) {
            for (Example e : split) {
                if (!labels.isEmpty() && !labels.contains(e.target())) {
                    throw new IllegalArgumentException("task '" + name + "': target '" + e.target()
                            + "' is not one of its labels " + labels);
                }
            }
        }
    }

    /** The same task with another training set (a few-shot sample, say). */
    public TaskData withTrain(List<Example> newTrain) {
        return new TaskData(name, labels, newTrain, dev, test, decoding);
    }

    /** The same task decoded another way (beam search, a longer budget). */
    public TaskData withDecoding(Decoding newDecoding) {
        return new TaskData(name, labels, train, dev, test, newDecoding);
    }
}
