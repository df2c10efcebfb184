package dev.crosspt.metrics;

import dev.crosspt.api.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics each GLUE and SuperGLUE task is reported with, in the papers' order, and the task's primary score.
 *
 * <table>
 *   <caption>Metrics by task</caption>
 *   <tr><th>task</th><th>metrics</th></tr>
 *   <tr><td>cola</td><td>matthews (positive {@code "1"}, negative {@code "0"})</td></tr>
 *   <tr><td>mrpc, qqp</td><td>f1 (positive {@code "1"}), accuracy</td></tr>
 *   <tr><td>stsb</td><td>pearson, spearman</td></tr>
 *   <tr><td>cb</td><td>accuracy, f1_macro (over the gold labels)</td></tr>
 *   <tr><td>sst2, mnli, qnli, rte, wnli, boolq, copa, sg-rte, wic, and any other task</td><td>accuracy</td></tr>
 * </table>
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The metrics of a task, in the order the papers report them.
     *
     * @param taskName the task's short name (case does not matter); an unknown task gets accuracy
     * @return the metrics, never empty
     */
    public static List<Metric> forTask(String taskName) {
        String task = taskName == null ? "" : taskName.strip().toLowerCase(Locale.ROOT);
        return switch (task) {
            case "cola" -> List.of(new MatthewsCorrelation("1", "0"));
            case "mrpc", "qqp" -> List.of(new F1("1"), new Accuracy());
            case "stsb" -> List.of(new Pearson(), new Spearman());
            case "cb" -> List.of(new Accuracy(), new MacroF1());
            default -> List.of(new Accuracy());
        };
    }

    /**
     * Scores predictions with every metric of a task.
     *
     * @param taskName the task's short name
     * @param gold the gold labels
     * @param predicted the predictions, in the same order
     * @return the values by metric name, in the order of {@link #forTask(String)}
     * @throws InvalidInputException as {@link Metric#compute(List, List)} does
     */
    public static Map<String, Double> evaluate(String taskName, List<String> gold, List<String> predicted) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Metric m : forTask(taskName)) {
            values.put(m.name(), m.compute(gold, predicted));
        }
        return values;
    }

    /**
     * A task's single headline number: the mean of its metrics, as GLUE reports MRPC and QQP as the average of
     * F1 and accuracy and STS-B as the average of Pearson and Spearman. Tasks with one metric score that metric.
     *
     * @param taskName the task's short name
     * @param metricValues the task's metric values by name; values of other metrics are ignored
     * @return the mean of the task's metric values
     * @throws InvalidInputException naming the task and the metric when one of the task's metrics is missing or
     *     not a finite number
     */
    public static double primaryScore(String taskName, Map<String, Double> metricValues) {
        double sum = 0;
        List<Metric> metrics = forTask(taskName);
        for (Metric m : metrics) {
            Double v = metricValues.get(m.name());
            if (v == null) {
                throw new InvalidInputException(taskName + ": the primary score needs the metric '" + m.name()
                        + "', got only " + metricValues.keySet());
            }
            if (!Double.isFinite(v)) {
                throw new InvalidInputException(taskName + ": metric '" + m.name() + "' is " + v
                        + ", expected a finite number");
            }
            sum += v;
        }
        return sum / metrics.size();
    }
}
