package dev.crosspt.train;

import dev.crosspt.data.Example;
import dev.crosspt.data.TaskData;
import java.util.List;
import java.util.Map;

/**
 * Scores a task's predictions: the target strings the model chose (rank classification over the task's labels)
 * or generated (tasks without labels). The trainer uses it on dev for model selection and on test for the report.
 */
@FunctionalInterface
public interface TaskEvaluator {

    /**
     * Scores predictions against the examples' targets.
     *
     * @param predictions one per example, in order
     */
    TaskScore evaluate(TaskData task, List<Example> examples, List<String> predictions);

    /** Exact-match accuracy of the predicted target strings. */
    static TaskEvaluator accuracy() {
        return (task, examples, predictions) -> {
            int correct = 0;
            for (int i = 0; i < examples.size(); i++) {
                correct += examples.get(i).target().trim().equals(predictions.get(i).trim()) ? 1 : 0;
            }
            double value = examples.isEmpty() ? Double.NaN : (double) correct / examples.size();
            return new TaskScore(value, Map.of("accuracy", value));
        };
    }
}
