package dev.crosspt.data;

import dev.crosspt.api.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Few-shot sampling: {@code k} training examples per task, balanced by label, drawn with a seed.
 *
 * <p>Balanced means {@code k / L} examples of each of the {@code L} labels (the first {@code k mod L} labels in
 * the task's label order get one more). The order of the sample is shuffled, so that it carries no label pattern.
 */
public final class FewShot {

    private FewShot() {}

    /**
     * Draws {@code k} examples of a task's training set.
     *
     * @throws InvalidInputException when a label has fewer examples than its share of {@code k}
     */
    public static TaskData sample(TaskData task, int k, long seed) {
        if (k <= 0) {
            throw new InvalidInputException("shots: expected a positive number of examples per task, got " + k);
        }
        SplittableRandom random = new SplittableRandom(seed ^ task.name().hashCode());
        List<String> labels = task.labels().isEmpty() ? List.of("") : task.labels();
        Map<String, List<Example>> byLabel = new LinkedHashMap<>();
        labels.forEach(label -> byLabel.put(label, new ArrayList<>()));
        for (Example e : task.train()) {
            byLabel.get(task.labels().isEmpty() ? "" : e.target()).add(e);
        }
        List<Example> sample = new ArrayList<>(k);
        for (int i = 0; i < labels.size(); i++) {
            int share = k / labels.size() + (i < k % labels.size() ? 1 : 0);
            List<Example> pool = byLabel.get(labels.get(i));
            if (pool.size() < share) {
                throw new InvalidInputException("task '" + task.name() + "': " + k + " shots need " + share
                        + " examples labelled '" + labels.get(i) + "', but its training set has " + pool.size());
            }
            Shuffle.inPlace(pool, random);
            sample.addAll(pool.subList(0, share));
        }
        Shuffle.inPlace(sample, random);
        return task.withTrain(sample);
    }
}
