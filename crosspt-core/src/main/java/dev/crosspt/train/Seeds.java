package dev.crosspt.train;

import java.util.SplittableRandom;

/**
 * Random streams derived from a run's seed by purpose, not by draw order: what one stream draws never depends on
 * whether another was drawn first. So with one seed, P and SLP start from the same private prompts, SL and SLP
 * from the same sources, and paired comparisons over seeds pair like with like.
 */
final class Seeds {

    /** The private prompts' initial tokens. */
    static final String PRIVATE_PROMPTS = "private-prompts";
    /** The source prompts' initial tokens. */
    static final String SOURCE_PROMPTS = "source-prompts";
    /** The prompt encoder's initial weights. */
    static final String ENCODER = "encoder";
    /** The router's initial parameters. */
    static final String ROUTER = "router";

    private Seeds() {}

    /** The seed of the stream for {@code purpose}: the same for the same seed and purpose in every JVM. */
    static long of(long seed, String purpose) {
        // String.hashCode is specified, so the derivation does not change between JVMs
        return new SplittableRandom(seed ^ (purpose.hashCode() * 0x9E3779B97F4A7C15L)).nextLong();
    }
}
