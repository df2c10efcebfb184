package dev.crosspt.metrics;

import dev.crosspt.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The benchmark averages papers report: the unweighted mean of the primary scores ({@link
 * Metrics#primaryScore(String, Map)}) of a benchmark's tasks.
 *
 * <ul>
 *   <li>GLUE: cola, sst2, mrpc, qqp, stsb, mnli, qnli, rte. WNLI is excluded, as most papers in the ATTEMPT and
 *       DePT line exclude it (its dev set is adversarial to training-set statistics and models score at or below
 *       the majority class); the diagnostic set {@code ax} is excluded too.</li>
 *   <li>SuperGLUE: boolq, cb, copa, sg-rte, wic, plus multirc, record and wsc when present (the ATTEMPT and DePT
 *       line reports the first five; the others count when a run has them but are not reported missing).</li>
 * </ul>
 *
 * <p>Tasks of the benchmark that have no score are left out of the mean and listed in {@link Average#missing()}
 * (and logged as a warning), so that an average over fewer tasks is never mistaken for the full one.
 */
public final class BenchmarkAverage {

    /** The GLUE tasks that count, in the benchmark's order. */
    public static final List<String> GLUE_TASKS = List.of("cola", "sst2", "mrpc", "qqp", "stsb", "mnli", "qnli", "rte");

    /** The GLUE tasks deliberately left out of the GLUE average: WNLI and the diagnostic set. */
    public static final Set<String> GLUE_EXCLUDED_TASKS = Set.of("wnli", "ax");

    /** The SuperGLUE tasks that count and are reported missing when absent. */
    public static final List<String> SUPERGLUE_TASKS = List.of("boolq", "cb", "copa", "sg-rte", "wic");

    /** The other SuperGLUE tasks, counted when present. */
    public static final List<String> SUPERGLUE_OPTIONAL_TASKS = List.of("multirc", "record", "wsc");

    private BenchmarkAverage() {
    }

    /**
     * One benchmark average and what it covers.
     *
     * @param benchmark {@code GLUE} or {@code SuperGLUE}
     * @param value the mean of the primary scores of {@code included}
     * @param included the tasks averaged, in the benchmark's order
     * @param missing the benchmark's tasks that had no score
     */
    public record Average(String benchmark, double value, List<String> included, List<String> missing) {

        /** Freezes the lists. */
        public Average {
            included = List.copyOf(included);
            missing = List.copyOf(missing);
        }

        /** @return whether every task of the benchmark had a score */
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    /**
     * The GLUE average, WNLI excluded.
     *
     * @param primaryByTask primary scores by task name (case does not matter); other tasks are ignored
     * @return the mean over the GLUE tasks present
     * @throws InvalidInputException when no GLUE task has a score, or a score is not finite
     */
    public static double glue(Map<String, Double> primaryByTask) {
        return glueAverage(primaryByTask).value();
    }

    /**
     * The GLUE average with the tasks it covers and those that were missing.
     *
     * @param primaryByTask primary scores by task name
     * @return the average
     * @throws InvalidInputException as {@link #glue(Map)}
     */
    public static Average glueAverage(Map<String, Double> primaryByTask) {
        return average("GLUE", GLUE_TASKS, List.of(), primaryByTask);
    }

    /**
     * The SuperGLUE average.
     *
     * @param primaryByTask primary scores by task name (case does not matter); other tasks are ignored
     * @return the mean over the SuperGLUE tasks present
     * @throws InvalidInputException when no SuperGLUE task has a score, or a score is not finite
     */
    public static double superglue(Map<String, Double> primaryByTask) {
        return superglueAverage(primaryByTask).value();
    }

    /**
     * The SuperGLUE average with the tasks it covers and those that were missing.
     *
     * @param primaryByTask primary scores by task name
     * @return the average
     * @throws InvalidInputException as {@link #superglue(Map)}
     */
    public static Average superglueAverage(Map<String, Double> primaryByTask) {
        return average("SuperGLUE", SUPERGLUE_TASKS, SUPERGLUE_OPTIONAL_TASKS, primaryByTask);
    }

    private static Average average(String benchmark, List<String> required, List<String> optional,
            Map<String, Double> primaryByTask) {
        Map<String, Double> scores = new TreeMap<>();
        primaryByTask.forEach((task, v) -> scores.put(task.strip().toLowerCase(Locale.ROOT), v));
        List<String> included = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        double sum = 0;
        for (String task : concat(required, optional)) {
            Double v = scores.get(task);
            if (v == null) {
                if (required.contains(task)) {
                    missing.add(task);
                }
                continue;
            }
            if (!Double.isFinite(v)) {
                throw new InvalidInputException(benchmark + " average: the primary score of " + task + " is " + v
                        + ", expected a finite number");
            }
            included.add(task);
            sum += v;
        }
        if (included.isEmpty()) {
            throw new InvalidInputException(benchmark + " average: none of its tasks " + concat(required, optional)
                    + " has a score; got scores for " + scores.keySet());
        }
        // no warning here: the average is computed more than once per run; Average.missing() tells callers
        return new Average(benchmark, sum / included.size(), included, missing);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
