package dev.crosspt.fetch;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on the loopback interface, on a free port, for tests: it never listens anywhere else, and
 * it records every request so tests can count them and read their headers.
 */
final class LocalServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Request(String method, String path, String query, Headers headers) {

        /** The first value of a request header, or null. */
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** Answers one request. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange, int requestNumber) throws IOException;
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** Starts a server whose every request goes to {@code handler}. */
    LocalServer(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            int number;
            synchronized (requests) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders()));
                number = requests.size();
            }
            // An IOException from the handler (such as a body cut short) reaches the server, which then drops
            // the connection; that is how tests cut a download off.
            handler.handle(exchange, number);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    /** The address of a path on this server, such as {@code /files/a.bin}. */
    URI uri(String path) {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + path);
    }

    /** Every request so far, in order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests for one path. */
    long count(String path) {
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

    /** Sends the bytes, honouring {@code Range: bytes=N-} with a 206 when {@code honourRange} is true. */
    static void sendBytes(HttpExchange exchange, byte[] data, boolean honourRange) throws IOException {
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
        exchange.sendResponseHeaders(200, data.length == 0 ? -1 : data.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(data);
        }
    }

    /** Announces the whole length but sends only the first {@code sent} bytes, then drops the connection. */
    static void sendCutOff(HttpExchange exchange, byte[] data, int sent) throws IOException {
        exchange.sendResponseHeaders(200, data.length);
        OutputStream out = exchange.getResponseBody();
        out.write(data, 0, sent);
        out.flush();
        pause(50); // let the client read what was sent before the connection is dropped
        out.close(); // fewer bytes than announced: this throws, and the server then drops the connection
    }

    /** Resumed bytes named by a request's {@code Range: bytes=N-} header, or -1 without one. */
    static long rangeStart(Request request) {
        String range = request.header("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        return m != null && m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends a status with a short text body. */
    static void sendStatus(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Sends a JSON document. */
    static void sendJson(HttpExchange exchange, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        sendStatus(exchange, 200, json);
    }

    /** Redirects to another address. */
    static void redirect(HttpExchange exchange, URI to) throws IOException {
        exchange.getResponseHeaders().set("Location", to.toString());
        exchange.sendResponseHeaders(302, -1);
    }
}
