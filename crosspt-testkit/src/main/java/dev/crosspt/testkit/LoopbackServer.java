package dev.crosspt.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For crosspt's own download tests: an HTTP server on the loopback interface only, on a port the system chooses,
 * so that nothing outside the machine is ever contacted. It records every request so that tests can count them
 * and read their headers.
 *
 * <p>A request goes to the handler {@linkplain #route routed} for its exact path if there is one, otherwise to
 * the fallback handler given to the constructor (a 404 without one). Static helpers send the answers download
 * tests need: whole files or {@code Range} resumes, connections cut off mid-body, statuses, JSON and redirects.
 */
public final class LoopbackServer implements AutoCloseable {

    /**
     * One request as the server saw it.
     *
     * @param method such as {@code GET}
     * @param path the raw path, such as {@code /files/a%20b.bin}
     * @param query the raw query without {@code ?}, or null
     * @param headers the request headers
     */
    public record Request(String method, String path, String query, Headers headers) {

        /** The first value of a request header, or null. */
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {

        /**
         * Sends the answer; the server closes the exchange afterwards.
         *
         * @param exchange the request and its response
         * @param requestNumber 1 for the server's first request, 2 for the next, over all paths
         * @throws IOException to drop the connection (how {@link #sendCutOff} cuts a download off)
         */
        void handle(HttpExchange exchange, int requestNumber) throws IOException;
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** Starts a server that answers only {@linkplain #route routed} paths; any other path gets a 404. */
    public LoopbackServer() throws IOException {
        this((exchange, n) -> sendStatus(exchange, 404, "not found"));
    }

    /** Starts a server whose every request not {@linkplain #route routed} elsewhere goes to {@code fallback}. */
    public LoopbackServer(Handler fallback) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            int number;
            synchronized (requests) {
                requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders()));
                number = requests.size();
            }
            // Not in a finally: an IOException from the handler (such as a body cut short) reaches the server,
            // which then drops the connection without completing the response; that is how tests cut a download.
            routes.getOrDefault(path, fallback).handle(exchange, number);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Answers requests for {@code path} (raw, as it appears in the URL, without the query) with {@code handler}. */
    public LoopbackServer route(String path, Handler handler) {
        routes.put(path, handler);
        return this;
    }

    /** Serves {@code data} at {@code path}, honouring {@code Range} requests as {@link #sendBytes} does. */
    public LoopbackServer bytes(String path, byte[] data) {
        return route(path, (exchange, n) -> sendBytes(exchange, data, true));
    }

    /** The address of a path on this server, such as {@code /files/a.bin}; {@code ""} for the root without a slash. */
    public URI uri(String path) {
        InetAddress a = server.getAddress().getAddress();
        // the loopback address is ::1 where IPv6 is preferred, and a literal IPv6 host needs brackets in a URL
        String host = a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + path);
    }

    /** Every request so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The path of every request so far, in order. */
    public List<String> paths() {
        return requests.stream().map(Request::path).toList();
    }

    /** How many requests asked for {@code path}. */
    public long count(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- response helpers ----

    /**
     * Sends {@code data} with a 200, or when {@code honourRange} is true and the request asks for
     * {@code Range: bytes=N-}, the bytes from N with a 206 (a 416 when N is past the end).
     */
    public static void sendBytes(HttpExchange exchange, byte[] data, boolean honourRange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (honourRange && m != null && m.matches()) {
            int start = Integer.parseInt(m.group(1));
            if (start >= data.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + data.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + start + "-" + (data.length - 1) + "/" + data.length);
            exchange.sendResponseHeaders(206, data.length - start);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(data, start, data.length - start);
            }
            return;
        }
        send(exchange, 200, data);
    }

    /** Announces the whole length but sends only the first {@code sent} bytes, then drops the connection. */
    public static void sendCutOff(HttpExchange exchange, byte[] data, int sent) throws IOException {
        exchange.sendResponseHeaders(200, data.length);
        OutputStream out = exchange.getResponseBody();
        out.write(data, 0, sent);
        out.flush();
        pause(50); // let the client read what was sent before the connection is dropped
        out.close(); // fewer bytes than announced: this throws, and the server then drops the connection
    }

    /** Sends a status with a short text body (none when {@code text} is empty). */
    public static void sendStatus(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a JSON document with a 200. */
    public static void sendJson(HttpExchange exchange, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        sendStatus(exchange, 200, json);
    }

    /** Redirects (302) to another address. */
    public static void redirect(HttpExchange exchange, URI to) throws IOException {
        exchange.getResponseHeaders().set("Location", to.toString());
        exchange.sendResponseHeaders(302, -1);
    }

    /** Where a request's {@code Range: bytes=N-} header resumes (N), or -1 without one. */
    public static long rangeStart(Request request) {
        String range = request.header("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        return m != null && m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
