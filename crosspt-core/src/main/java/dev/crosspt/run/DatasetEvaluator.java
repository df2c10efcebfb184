package dev.crosspt.run;

import dev.crosspt.data.Example;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.TaskData;
import dev.crosspt.data.TaskKind;
import dev.crosspt.metrics.Metrics;
import dev.crosspt.metrics.text.GenerationMetrics;
import dev.crosspt.train.TaskEvaluator;
import dev.crosspt.train.TaskScore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a dataset task as the papers do: predicted target text parsed back to a label by the task's verbalizer,
 * then the task's metrics ({@link Metrics#forTask}); the primary score is their mean. Generative tasks are scored
 * on the generated text itself ({@link GenerationMetrics}): question answering against every gold answer of the
 * example, summaries against the reference.
 */
final class DatasetEvaluator implements TaskEvaluator {

    private final Map<String, PreparedTask> byName;
    private final Map<String, Map<Example, List<String>>> answers = new HashMap<>();

    DatasetEvaluator(Map<String, PreparedTask> byName) {
        this.byName = byName;
    }

    @Override
    public TaskScore evaluate(TaskData task, List<Example> examples, List<String> predictions) {
        PreparedTask prepared = byName.get(task.name());
        if (prepared.raw().kind().generative()) {
            return generative(prepared, examples, predictions);
        }
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

    private TaskScore generative(PreparedTask prepared, List<Example> examples, List<String> predictions) {
        List<String> predicted = predictions.stream().map(p -> prepared.verbalizer().parse(p)).toList();
        Map<String, Double> values;
        if (prepared.raw().kind() == TaskKind.ANSWER) {
            Map<Example, List<String>> gold = answers.computeIfAbsent(prepared.raw().name(), n -> goldAnswers(prepared));
            List<List<String>> golds = examples.stream()
                    .map(e -> gold.getOrDefault(e, List.of(e.target()))).toList();
            values = GenerationMetrics.answers(golds, predicted);
        } else {
            values = GenerationMetrics.summaries(examples.stream().map(Example::target).toList(), predicted);
        }
        return new TaskScore(GenerationMetrics.primary(values), values);
    }

    /**
     * Every gold answer of the dev and test records, by their formatted example (the trainer hands over
     * examples, which carry only the first answer). Two records formatted alike pool their answers.
     */
    private static Map<Example, List<String>> goldAnswers(PreparedTask prepared) {
        Map<Example, Set<String>> pooled = new HashMap<>();
        List<RawExample> records = new ArrayList<>(prepared.splits().dev());
        records.addAll(prepared.splits().test());
        List<Example> formatted = new ArrayList<>(prepared.data().dev());
        formatted.addAll(prepared.data().test());
        for (int i = 0; i < records.size() && i < formatted.size(); i++) {
            pooled.computeIfAbsent(formatted.get(i), e -> new LinkedHashSet<>()).addAll(records.get(i).answers());
        }
        Map<Example, List<String>> out = new HashMap<>();
        pooled.forEach((e, a) -> out.put(e, List.copyOf(a)));
        return out;
    }
}
