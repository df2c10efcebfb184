package dev.crosspt.demo;

import dev.crosspt.api.InvalidInputException;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code ./crosspt demo} runs.
 *
 * @param out the run directory
 * @param shots training examples per task (balanced by label)
 * @param seeds one full comparison per seed
 * @param steps optimizer steps per training run
 * @param evalEvery steps between dev evaluations
 * @param dataSeed seed of the synthetic suite (the same tasks for every seed)
 */
public record DemoSettings(Path out, int shots, List<Long> seeds, int steps, int evalEvery, long dataSeed) {

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
        seeds = List.copyOf(seeds);
    }
}
