package dev.crosspt.demo;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.TaskData;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Which synthetic tasks the demo trains on: clusters where sharing can help, or the disjoint negative control. */
public enum DemoSuite {
    /** Two clusters of three tasks that share a rule as far as the relatedness says ({@link ClusterSuite}). */
    CLUSTERS,
    /** Four tasks that share nothing ({@link SyntheticSuite}): the negative control. */
    DISJOINT;

    /** The suite's name on the command line and in manifests. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a suite name.
     *
     * @throws InvalidInputException for an unknown one, listing the known ones
     */
    public static DemoSuite parse(String name) {
        for (DemoSuite suite : values()) {
            if (suite.label().equals(name.toLowerCase(Locale.ROOT))) {
                return suite;
            }
        }
        throw new InvalidInputException("--suite: expected one of "
                + Arrays.stream(values()).map(DemoSuite::label).toList() + ", got '" + name + "'");
    }

    /**
     * The suite's tasks.
     *
     * @param relatedness for {@link #CLUSTERS}: 1, 0.5 or 0; ignored by {@link #DISJOINT}
     */
    public List<TaskData> generate(double relatedness, int trainPerTask, int devPerTask, int testPerTask, long seed) {
        return this == CLUSTERS ? ClusterSuite.generate(relatedness, trainPerTask, devPerTask, testPerTask, seed)
                : SyntheticSuite.generate(trainPerTask, devPerTask, testPerTask, seed);
    }
}
