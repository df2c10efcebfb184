package dev.crosspt.fetch;

/**
 * A failed attempt that is worth repeating: a connection error, a timeout, an early end of the body, or an
 * HTTP 5xx, 408 or 429. Only the {@link Downloader}'s retry loop sees it; callers get a {@link FetchException}.
 */
final class TransientFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** The HTTP status, or 0 when the failure was not an HTTP status. */
    final int httpStatus;

    /** True when the attempt wrote bytes that the next attempt can resume after. */
    final boolean progressMade;

    /**
     * Creates a failure.
     *
     * @param reason what went wrong, without the URL (the retry loop adds it)
     * @param httpStatus the HTTP status, or 0
     * @param progressMade whether the attempt wrote bytes that a retry can keep
     * @param cause the underlying error, or null
     */
    TransientFailure(String reason, int httpStatus, boolean progressMade, Throwable cause) {
        super(reason, cause);
        this.httpStatus = httpStatus;
        this.progressMade = progressMade;
    }

    /** Whether an HTTP status means "try again later" rather than "this will never work". */
    static boolean isTransientStatus(int status) {
        return status >= 500 || status == 408 || status == 429;
    }
}
