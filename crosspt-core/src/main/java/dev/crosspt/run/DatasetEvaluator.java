package dev.crosspt.run;

import dev.crosspt.data.Example;
import dev.crosspt.data.TaskData;
import dev.crosspt.metrics.Metrics;
import dev.crosspt.train.TaskEvaluator;
import dev.crosspt.train.TaskScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores a dataset task as the papers do: predicted target text parsed back to a label by the task's verbalizer,
 * then the task's metrics ({@link Metrics#forTask}); the primary score is their mean.
 */
final class DatasetEvaluator implements TaskEvaluator {

    private final Map<String, PreparedTask> byName;

    DatasetEvaluator(Map<String, PreparedTask> byName) {
        this.byName = byName;
    }

    @Override
    public TaskScore evaluate(TaskData task, List<Example> examples, List<String> predictions) {
        PreparedTask prepared = byName.get(task.name());
        List<String> gold = new ArrayList<>(examples.size());
        List<String> predicted = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            gold.add(prepared.verbalizer().parse(examples.get(i).target()));
            // an unparseable prediction stays null: the metrics count it as wrong (or as the scale's midpoint)
            predicted.add(prepared.verbalizer().parse(predictions.get(i)));
        }
        Map<String, Double> values = Metrics.evaluate(task.name(), gold, predicted);
        return new TaskScore(Metrics.primaryScore(task.name(), values), values);
    }
}
