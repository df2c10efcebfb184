package dev.crosspt.plugins.builtin.compose;

/** Argument checks of {@code composedLength}. */
final class Lengths {

    private Lengths() {}

    /** @throws IllegalArgumentException unless both are at least 1 */
    static void check(int promptLength, int candidates) {
        if (promptLength < 1 || candidates < 1) {
            throw new IllegalArgumentException("prompt length and candidates must be at least 1, got L=" + promptLength
                    + ", K=" + candidates);
        }
    }
}
