package dev.crosspt.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.report.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 */
public record TrainingResult(
        List<String> tasks, List<Double> testScores, List<Double> devScores, String metric,
        List<Map<String, Double>> testMetrics, int bestStep,
        List<double[]> lossCurve, List<double[]> devCurve, List<String> candidates, double[][] routerWeights,
        Map<String, Object> selectorSummary, String stopReason, Map<String, List<double[]>> taskCurves) {

    /** True when the run stopped before its last step (a non-finite loss). */
    public boolean stoppedEarly() {
        return stopReason != null;
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
