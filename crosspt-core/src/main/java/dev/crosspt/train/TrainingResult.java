package dev.crosspt.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.report.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a run produced.
 *
 * @param tasks task names, in the order of every per-task list and matrix row
 * @param testScores per task, the metric on the test split with the best dev checkpoint
 * @param devScores per task, the metric on the dev split at the best checkpoint
 * @param metric the primary score's name (such as {@code accuracy})
 * @param testMetrics per task, every metric on the test split (such as F1 and accuracy for MRPC)
 * @param bestStep the step whose checkpoint scored best on dev
 * @param lossCurve (step, training loss) points
 * @param devCurve (step, mean dev score) points
 * @param candidates names of the router's columns ({@code source-1..M}, {@code private}), empty without a router
 * @param routerWeights {@code [task][candidate]} weights at evaluation for the best checkpoint, or null
 * @param selectorSummary what the selector reported (survivors of pruning, temperature, ...)
 * @param stopReason null when the run finished; otherwise why it stopped early
 * @param taskCurves per task, one point per dev evaluation: {@code [step, dev score, router entropy, effective
 *     candidates, private weight, flat (1 or 0)]}, the router's fields NaN without a router (see
 *     {@link RouterDiagnostics}); null in results written before they were kept
 * @param routerWeightSpread for a router that weighs each example, the standard deviation of each task's weights
 *     over its dev examples ({@code [task][candidate]}, beside their mean in {@code routerWeights}); null otherwise
 * @param lastStep the step training ended at: {@code steps}, or fewer when early stopping, the listener or a
 *     non-finite loss ended it (0 in results written before it was kept)
 * @param endedBy what ended training; null in results written before it was kept
 */
public record TrainingResult(
        List<String> tasks, List<Double> testScores, List<Double> devScores, String metric,
        List<Map<String, Double>> testMetrics, int bestStep,
        List<double[]> lossCurve, List<double[]> devCurve, List<String> candidates, double[][] routerWeights,
        Map<String, Object> selectorSummary, String stopReason, Map<String, List<double[]>> taskCurves,
        double[][] routerWeightSpread, int lastStep, Ending endedBy) {

    /** What ended a run's training. */
    public enum Ending {
        /** It trained every step. */
        @SerializedName("steps") STEPS,
        /** Its settings' {@link EarlyStopping} found the dev curve flat. */
        @SerializedName("early_stopping") EARLY_STOPPING,
        /** Its {@link TrainingListener#stopAfter listener} asked it to stop. */
        @SerializedName("listener") LISTENER,
        /** The training loss was not finite (see {@link #stopReason()}). */
        @SerializedName("non_finite_loss") NON_FINITE_LOSS
    }

    /** A result without the step it ended at (see {@link #lastStep()}). */
    public TrainingResult(List<String> tasks, List<Double> testScores, List<Double> devScores, String metric,
            List<Map<String, Double>> testMetrics, int bestStep, List<double[]> lossCurve, List<double[]> devCurve,
            List<String> candidates, double[][] routerWeights, Map<String, Object> selectorSummary, String stopReason,
            Map<String, List<double[]>> taskCurves, double[][] routerWeightSpread) {
        this(tasks, testScores, devScores, metric, testMetrics, bestStep, lossCurve, devCurve, candidates,
                routerWeights, selectorSummary, stopReason, taskCurves, routerWeightSpread, 0, null);
    }

    /** A result without per-example router weights (see {@link #routerWeightSpread()}). */
    public TrainingResult(List<String> tasks, List<Double> testScores, List<Double> devScores, String metric,
            List<Map<String, Double>> testMetrics, int bestStep, List<double[]> lossCurve, List<double[]> devCurve,
            List<String> candidates, double[][] routerWeights, Map<String, Object> selectorSummary, String stopReason,
            Map<String, List<double[]>> taskCurves) {
        this(tasks, testScores, devScores, metric, testMetrics, bestStep, lossCurve, devCurve, candidates,
                routerWeights, selectorSummary, stopReason, taskCurves, null);
    }

    /**
     * True when the run failed before its last step (a non-finite loss); a run that early stopping ended is not a
     * failure (see {@link #endedBy()}).
     */
    public boolean stoppedEarly() {
        return stopReason != null;
    }

    /**
     * A readable summary: per task the test and dev score, the best step, the dev curve as (step, score) points
     * and the router weights per task (a record's own toString would print the arrays as {@code [D@...}).
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("TrainingResult[" + metric + " at best step " + bestStep);
        for (int t = 0; t < tasks.size(); t++) {
            out.append(String.format(Locale.ROOT, "; %s: test %.4f, dev %.4f", tasks.get(t), testScores.get(t),
                    devScores.get(t)));
            if (routerWeights != null && t < routerWeights.length) {
                out.append(", router ").append(points(List.of(routerWeights[t])));
            }
        }
        out.append("; dev curve ").append(points(devCurve));
        if (endedBy == Ending.EARLY_STOPPING) {
            out.append("; early stopping ended it at step ").append(lastStep);
        }
        if (stopReason != null) {
            out.append("; stopped early: ").append(stopReason);
        }
        return out.append(']').toString();
    }

    private static String points(List<double[]> points) {
        StringJoiner all = new StringJoiner(", ", "[", "]");
        for (double[] point : points) {
            StringJoiner one = new StringJoiner(", ", "(", ")");
            for (double v : point) {
                one.add(v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v)
                        : String.format(Locale.ROOT, "%.4f", v));
            }
            all.add(one.toString());
        }
        return all.toString();
    }

    private static final Gson GSON = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues()
            .setPrettyPrinting().create();

    /** Writes the result as JSON, atomically (a finished run's record, read back by a resumed demo). */
    public void write(Path file) {
        AtomicFiles.writeString(file, GSON.toJson(this));
    }

    /**
     * Reads a result written by {@link #write}.
     *
     * @throws InvalidInputException naming the file when it is unreadable or malformed
     */
    public static TrainingResult read(Path file) {
        try {
            TrainingResult result = GSON.fromJson(Files.readString(file), TrainingResult.class);
            if (result == null || result.tasks() == null || result.testScores() == null) {
                throw new InvalidInputException(file + ": not a training result (no tasks or test scores)");
            }
            return result;
        } catch (IOException | JsonParseException e) {
            throw new InvalidInputException(file + ": unreadable training result (" + e.getMessage() + ")", e);
        }
    }

    /** Mean test score across tasks. */
    public double meanTest() {
        return testScores.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
