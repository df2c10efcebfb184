package dev.crosspt.fetch;

import dev.crosspt.api.InvalidInputException;
import java.net.URI;

/**
 * A download that could not be completed: the server answered with an error, the connection kept failing,
 * or the file that arrived is not the file that was expected.
 *
 * <p>It is an {@link InvalidInputException} because the cause is outside the program (a name that does not
 * exist, a network that is down, a mirror that serves something else), so command-line front ends print the
 * one-line message and exit with code 2. Every message names the URL and, for a mismatch, what was expected
 * and what arrived.
 */
public class FetchException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status the server answered with, or 0 when the failure was not an HTTP error status. */
    private final int httpStatus;

    /** The address that failed, kept as text so the exception stays serializable; null for none. */
    private final String url;

    /**
     * Creates an exception for a failure that is not an HTTP error status.
     *
     * @param url the address that failed, or null when the failure is not about one address
     * @param message what went wrong; it already names the URL
     * @param cause the underlying error, or null
     */
    public FetchException(URI url, String message, Throwable cause) {
        this(url, 0, message, cause);
    }

    /**
     * Creates an exception that records the HTTP status the server answered with.
     *
     * @param url the address that failed, or null when the failure is not about one address
     * @param httpStatus the HTTP status, or 0 when there was none
     * @param message what went wrong; it already names the URL
     * @param cause the underlying error, or null
     */
    public FetchException(URI url, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.url = url == null ? null : url.toString();
        this.httpStatus = httpStatus;
    }

    /**
     * The HTTP status the server answered with, so callers can explain a 401, 403 or 404 in their own terms.
     *
     * @return the status, or 0 when the failure was not an HTTP error status
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The address that failed.
     *
     * @return the URL as text, or null when the failure is not about one address
     */
    public String url() {
        return url;
    }
}
