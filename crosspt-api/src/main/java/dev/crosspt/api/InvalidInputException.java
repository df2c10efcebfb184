package dev.crosspt.api;

/**
 * Input that crosspt cannot use: a file, a field or a value that is missing, malformed or out of range.
 *
 * <p>The message always names where the problem is (a file, a line, a field or a tensor) and what was
 * expected, so that a user can fix it without reading a stack trace. Command-line front ends report it as a
 * one-line reason and exit with code 2.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names the offending input and what was expected.
     *
     * @param message where the problem is and what was expected
     */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * Creates an exception that wraps the low-level cause of the problem.
     *
     * @param message where the problem is and what was expected
     * @param cause the underlying error, such as an {@link java.io.IOException}
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
