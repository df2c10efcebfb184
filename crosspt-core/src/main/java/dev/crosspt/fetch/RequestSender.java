package dev.crosspt.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one GET and follows its redirects by hand, so that the Range header travels along every hop while a
 * bearer token stays with the server it was meant for (a hub token must not reach a download mirror).
 */
final class RequestSender {

    /** Enough for the hub's resolve, CDN and signed-URL hops, and a cap on redirect loops. */
    private static final int MAX_REDIRECTS = 10;

    private final HttpClient client;
    private final DownloadSettings settings;

    /**
     * Creates a sender with its own HTTP/1.1 client, which never follows redirects itself.
     *
     * @param settings the timeouts, User-Agent and token
     */
    RequestSender(DownloadSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A response whose body has yet to be read, with the clock that closes the body when time runs out.
     *
     * @param response the final response after redirects
     * @param deadline closes the body when the request's time is up; close it when done reading
     */
    record Opened(HttpResponse<InputStream> response, BodyDeadline deadline) implements AutoCloseable {

        /** Stops the clock and closes the body. */
        @Override
        public void close() {
            deadline.close();
            try {
                response.body().close();
            } catch (IOException e) {
                // Closing an abandoned body; there is nothing to recover.
            }
        }
    }

    /**
     * Sends a GET and follows redirects. The whole exchange, body included, must finish within the request
     * timeout counted from now.
     *
     * @param url the address
     * @param range a Range header value such as {@code bytes=100-}, or null
     * @return the final response, whatever its status
     * @throws TransientFailure on a connection error or timeout
     * @throws FetchException on too many redirects or a redirect without a usable Location
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    Opened open(URI url, String range) throws TransientFailure, InterruptedException {
        Instant deadline = Instant.now().plus(settings.requestTimeout());
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current)
                    .timeout(settings.requestTimeout())
                    .header("User-Agent", settings.userAgent())
                    .GET();
            if (range != null) {
                request.header("Range", range);
            }
            if (settings.bearerToken() != null && sameOrigin(url, current)) {
                request.header("Authorization", "Bearer " + settings.bearerToken());
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new TransientFailure(describe(e), 0, false, e);
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (isRedirect(response.statusCode()) && location.isPresent()) {
                closeQuietly(response.body());
                current = resolve(url, current, location.get());
                continue;
            }
            return new Opened(response, new BodyDeadline(response.body(), Duration.between(Instant.now(), deadline)));
        }
        throw new FetchException(url, url + ": more than " + MAX_REDIRECTS + " redirects", null);
    }

    private static URI resolve(URI original, URI current, String location) {
        try {
            URI next = current.resolve(location.trim());
            String scheme = next.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("not an http(s) address");
            }
            return next;
        } catch (IllegalArgumentException e) {
            throw new FetchException(original, original + ": unusable redirect to '" + location + "' ("
                    + e.getMessage() + ")", e);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Same scheme, host and port: where a bearer token may go. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && String.valueOf(a.getHost())
                .equalsIgnoreCase(String.valueOf(b.getHost())) && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** A connection error in words a user can act on: the exception type says more than its bare message. */
    static String describe(Throwable e) {
        String type = e.getClass().getSimpleName();
        String msg = e.getMessage();
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "could not connect (timed out)";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no response in time (" + msg + ")";
        }
        if (e instanceof java.net.ConnectException || e.getCause() instanceof java.net.ConnectException) {
            return "could not connect (" + (msg == null ? type : msg) + ")";
        }
        return msg == null || msg.isBlank() ? type : type + ": " + msg;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // A redirect's body is not needed.
        }
    }
}
