package dev.crosspt.demo;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.train.EarlyStopping;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code ./crosspt demo} runs.
 *
 * @param out the run directory
 * @param suite the tasks: clusters (sharing can help) or disjoint (the negative control)
 * @param relatedness how much of a rule the tasks of a cluster share: 1, 0.5 or 0 (clusters only)
 * @param shots training examples per task (balanced by label)
 * @param seeds one full comparison per seed
 * @param steps the most optimizer steps per training run; early stopping usually ends a run sooner
 * @param evalEvery steps between dev evaluations
 * @param stopping when a run's dev curve counts as flat
 * @param dataSeed seed of the synthetic suite (the same tasks for every seed)
 */
public record DemoSettings(Path out, DemoSuite suite, double relatedness, int shots, List<Long> seeds, int steps,
        int evalEvery, EarlyStopping stopping, long dataSeed) {

    /** Validates the settings. */
    public DemoSettings {
        if (shots < 2) {
            throw new InvalidInputException("--shots: expected at least 2 (one per label), got " + shots);
        }
        if (seeds == null || seeds.isEmpty()) {
            throw new InvalidInputException("--seeds: expected at least one seed");
        }
        if (steps < 1 || evalEvery < 1) {
            throw new InvalidInputException("--steps and --eval-every: expected positive numbers, got " + steps
                    + " and " + evalEvery);
        }
        if (suite == DemoSuite.CLUSTERS) {
            // fails with the flag's name for a relatedness the suite does not know
            ClusterSuite.rules(relatedness);
        }
        seeds = List.copyOf(seeds);
    }
}
