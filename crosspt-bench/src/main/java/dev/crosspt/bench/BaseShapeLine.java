package dev.crosspt.bench;

/**
 * The T5-base training figure {@link BackboneBenchmark} prints on one line, so that a user can estimate the
 * time of a grid of runs.
 *
 * @param batch samples per step
 * @param stepSeconds seconds per timed step
 * @param gemmGflops the matrix-multiply rate on T5-base's shapes, one sample before each step
 * @param efficiency step FLOPs over (step time x the rate sampled just before it), per step
 * @param stepGflop analytic FLOPs of one step
 */
public record BaseShapeLine(int batch, Spread stepSeconds, Spread gemmGflops, Spread efficiency, double stepGflop) {}
