package dev.crosspt.experiment;

import dev.crosspt.train.TrainingSettings;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated experiment spec: everything one run needs, plus the grid and baseline an ablation uses. Made by
 * {@link ExperimentSpecs}, which reports every problem in a file at once.
 *
 * @param source the file (or label) the spec was read from, for messages
 * @param name the experiment's name
 * @param out the run directory ({@code runs/<name>} by default)
 * @param backbone the backbone plugin and its options
 * @param data the tasks and the few-shot protocol's settings
 * @param training the trainer's settings, selector, composer and schedule included
 * @param grid for ablations: dotted setting path to the values it takes, in file order; empty for one run
 * @param arms for ablations: the grid's arms ({@code grid.arms}), which cross with the grid's other axes; empty
 *     for a grid without arms
 * @param baseline for ablations: the grid values of the cells the others are compared against
 * @param raw the parsed tree the spec was validated from (grid and baseline included), for deriving cells
 */
public record ExperimentSpec(String source, String name, Path out, BackboneSpec backbone, DataSettings data,
        TrainingSettings training, Map<String, List<Object>> grid, List<Arm> arms, Map<String, Object> baseline,
        Map<String, Object> raw) {

    /** Keeps the maps in file order and read-only. */
    public ExperimentSpec {
        grid = Collections.unmodifiableMap(new LinkedHashMap<>(grid));
        arms = List.copyOf(arms);
        baseline = Collections.unmodifiableMap(new LinkedHashMap<>(baseline));
        raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    /** Whether the grid has arms. */
    public boolean hasArms() {
        return !arms.isEmpty();
    }
}
