package dev.crosspt.data.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random streams derived from the protocol's seed, one per task and purpose, so that changing one draw (the
 * number of shots, say) never moves another (the dev and test sets).
 *
 * <p>{@link Random} and {@link Collections#shuffle(List, Random)} are specified exactly by the Java platform,
 * and {@link String#hashCode()} too, so a seed gives the same splits on every JVM.
 */
final class Seeds {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** The stream for one purpose ({@code "carve"}, {@code "shots:entailment"}, ...) of one task. */
    static Random random(long seed, String task, String purpose) {
        long h = seed;
        h = h * GOLDEN + task.hashCode();
        h = h * GOLDEN + purpose.hashCode();
        return new Random(h);
    }

    /** A shuffled copy. */
    static <T> List<T> shuffled(List<T> items, Random random) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }
}
