package dev.crosspt.checkpoint;

import dev.crosspt.api.InvalidInputException;

/**
 * A checkpoint file (safetensors, index or config.json) or a model location that crosspt cannot use.
 *
 * <p>It is an {@link InvalidInputException} because the cause is always outside the program: a corrupt,
 * truncated or foreign file, or a path that points nowhere useful. Every message names the file (as given
 * by the caller) and, where there is one, the tensor or config field, plus what was expected, for example
 * {@code model.safetensors: tensor 'shared.weight' has shape [64, 32], expected [64, 64]}.
 */
public final class CheckpointException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception whose message names the file, the tensor or field, and what was expected.
     *
     * @param message the file, the tensor or field, and what was expected
     */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * Creates an exception that keeps the low-level cause, such as an {@link java.io.IOException}.
     *
     * @param message the file, the tensor or field, and what was expected
     * @param cause the underlying error
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
