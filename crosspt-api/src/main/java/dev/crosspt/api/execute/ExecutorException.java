package dev.crosspt.api.execute;

/**
 * A scheduler that is missing, refuses work or fails: the message names the command and what it printed on
 * stderr. Not bad input, so the command line exits with 1 rather than 2.
 */
public class ExecutorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a message naming the command and its stderr. */
    public ExecutorException(String message) {
        super(message);
    }

    /** With a message and the underlying failure. */
    public ExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}
