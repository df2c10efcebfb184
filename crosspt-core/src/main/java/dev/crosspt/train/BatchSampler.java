package dev.crosspt.train;

import dev.crosspt.data.Example;
import dev.crosspt.data.TaskData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws multi-task batches: each example's task by the sampling strategy, then the task's next example from a
 * reshuffled pass over its training set (every example is seen once per pass). The sequence depends only on
 * the seed, so a resumed run replays it up to its step.
 */
final class BatchSampler {

    /** An example with the index of its task. */
    record Tagged(int task, Example example) {}

    private final List<TaskData> tasks;
    private final double[] cumulative;
    private final SplittableRandom random;
    private final int[][] orders;
    private final int[] positions;

    BatchSampler(List<TaskData> tasks, TaskSampling sampling, double temperature, long seed) {
        this.tasks = tasks;
        this.random = new SplittableRandom(seed);
        double[] weights = new double[tasks.size()];
        for (int t = 0; t < weights.length; t++) {
            int size = tasks.get(t).train().size();
            weights[t] = switch (sampling) {
                case PROPORTIONAL -> size;
                case UNIFORM -> 1;
                case TEMPERATURE -> Math.pow(size, 1.0 / temperature);
            };
        }
        cumulative = new double[weights.length];
        double total = 0;
        for (int t = 0; t < weights.length; t++) {
            total += weights[t];
            cumulative[t] = total;
        }
        for (int t = 0; t < cumulative.length; t++) {
            cumulative[t] /= total;
        }
        orders = new int[tasks.size()][];
        positions = new int[tasks.size()];
        for (int t = 0; t < tasks.size(); t++) {
            orders[t] = shuffled(tasks.get(t).train().size());
        }
    }

    /** The next batch of {@code size} examples. */
    List<Tagged> next(int size) {
        List<Tagged> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int task = pickTask();
            if (positions[task] == orders[task].length) {
                orders[task] = shuffled(orders[task].length);
                positions[task] = 0;
            }
            batch.add(new Tagged(task, tasks.get(task).train().get(orders[task][positions[task]++])));
        }
        return batch;
    }

    /** Draws and discards {@code steps} batches, to resume where an interrupted run stopped. */
    void skip(int steps, int size) {
        for (int i = 0; i < steps; i++) {
            next(size);
        }
    }

    private int pickTask() {
        double u = random.nextDouble();
        for (int t = 0; t < cumulative.length; t++) {
            if (u < cumulative[t]) {
                return t;
            }
        }
        return cumulative.length - 1;
    }

    private int[] shuffled(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
