package dev.crosspt.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Downloader} talks to servers.
 *
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long one request may take, body included; a request cut off by it is retried and
 *     resumes where it stopped, so it bounds a stalled connection rather than the size of a file
 * @param maxAttempts how many times a request is tried in a row without receiving any bytes before giving up
 *     (connection errors, timeouts, HTTP 5xx and 429); an attempt that made progress starts the count again
 * @param firstRetryDelay the wait before the first retry; each further retry waits twice as long
 * @param userAgent the User-Agent header, such as {@code crosspt/0.1.0}
 * @param bearerToken sent as {@code Authorization: Bearer <token>}, or null for none; it is dropped on a
 *     redirect to another host, so a hub token never reaches a download mirror
 */
public record DownloadSettings(Duration connectTimeout, Duration requestTimeout, int maxAttempts,
        Duration firstRetryDelay, String userAgent, String bearerToken) {

    /** Validates every setting; messages carry the bad value. */
    public DownloadSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(firstRetryDelay, "firstRetryDelay");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, got " + connectTimeout);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + requestTimeout);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts (" + maxAttempts + ") must be at least 1");
        }
        if (firstRetryDelay.isNegative()) {
            throw new IllegalArgumentException("retry delay must not be negative, got " + firstRetryDelay);
        }
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("a User-Agent is required");
        }
        if (bearerToken != null && bearerToken.isBlank()) {
            bearerToken = null;
        }
    }

    /**
     * The defaults: connect within 10 s, 10 minutes per request, 3 attempts starting 1 s apart, User-Agent
     * {@code crosspt/<version>}, no token.
     *
     * @return the default settings
     */
    public static DownloadSettings defaults() {
        return new DownloadSettings(Duration.ofSeconds(10), Duration.ofMinutes(10), 3, Duration.ofSeconds(1),
                "crosspt/" + version(), null);
    }

    /** The jar's implementation version, or "development" when running from classes. */
    private static String version() {
        String v = DownloadSettings.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /**
     * The same settings with another per-request timeout.
     *
     * @param timeout how long one request may take, body included
     * @return new settings
     */
    public DownloadSettings withRequestTimeout(Duration timeout) {
        return new DownloadSettings(connectTimeout, timeout, maxAttempts, firstRetryDelay, userAgent, bearerToken);
    }

    /**
     * The same settings with another retry policy.
     *
     * @param attempts attempts in a row without progress before giving up, at least 1
     * @param firstDelay the wait before the first retry, doubled for each further one
     * @return new settings
     */
    public DownloadSettings withRetries(int attempts, Duration firstDelay) {
        return new DownloadSettings(connectTimeout, requestTimeout, attempts, firstDelay, userAgent, bearerToken);
    }

    /**
     * The same settings with a bearer token, such as {@code HF_TOKEN} for the Hugging Face hub.
     *
     * @param token the token, or null or blank for none
     * @return new settings
     */
    public DownloadSettings withBearerToken(String token) {
        return new DownloadSettings(connectTimeout, requestTimeout, maxAttempts, firstRetryDelay, userAgent, token);
    }

    /** Keeps the token out of logs and error messages. */
    @Override
    public String toString() {
        return "DownloadSettings[connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", maxAttempts=" + maxAttempts + ", firstRetryDelay=" + firstRetryDelay + ", userAgent="
                + userAgent + ", bearerToken=" + (bearerToken == null ? "none" : "***") + "]";
    }
}
