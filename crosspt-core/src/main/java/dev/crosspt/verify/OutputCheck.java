package dev.crosspt.verify;

/**
 * One output's comparison against the reference.
 *
 * @param name the output name in the reference file
 * @param status the outcome
 * @param maxAbsDiff largest absolute difference (NaN when nothing was compared)
 * @param maxRelDiff largest {@code |a - r| / max(1, |r|)} (NaN when nothing was compared)
 * @param note what was compared or why not
 */
public record OutputCheck(String name, CheckStatus status, double maxAbsDiff, double maxRelDiff, String note) {}
