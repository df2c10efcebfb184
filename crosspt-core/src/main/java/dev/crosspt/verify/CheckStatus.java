package dev.crosspt.verify;

/** The outcome of one output's comparison. */
public enum CheckStatus {
    /** Within tolerance (floats) or identical (ids). */
    PASS,
    /** Beyond tolerance, a different shape, or different ids. */
    FAIL,
    /** The reference does not contain this output; nothing was compared. */
    ABSENT,
    /** This engine cannot compute this output (for example a gradient on an inference-only engine). */
    NOT_APPLICABLE
}
