package dev.crosspt.cli;

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

/**
 * A small HTTP server for command-line tests: it listens only on the loopback interface, on a free port,
 * answers the paths it was given (everything else gets a 404) and records every request path.
 * Adapted from crosspt-core's test {@code LocalServer}, which another module's tests cannot use.
 */
final class LoopbackServer implements AutoCloseable {

    /** Answers one request. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** Starts the server on 127.0.0.1 (the loopback address) and a port the system chooses. */
    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                String path = exchange.getRequestURI().getRawPath();
                requests.add(path);
                Handler handler = routes.get(path);
                if (handler == null) {
                    sendStatus(exchange, 404, "{\"error\":\"Repository not found\"}");
                } else {
                    handler.handle(exchange);
                }
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Answers GET {@code path} (raw, as it appears in the URL) with {@code handler}. */
    LoopbackServer route(String path, Handler handler) {
        routes.put(path, handler);
        return this;
    }

    /** Answers GET {@code path} with these bytes. */
    LoopbackServer bytes(String path, byte[] body) {
        return route(path, ex -> sendBytes(ex, 200, body));
    }

    /** The address of a path on this server, such as {@code /api/x}; {@code ""} for the root without a slash. */
    URI uri(String path) {
        InetAddress a = server.getAddress().getAddress();
        String host = a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + path);
    }

    /** Every request path so far, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** How many requests asked for {@code path}. */
    long count(String path) {
        return requests.stream().filter(path::equals).count();
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

    static void sendBytes(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void sendStatus(HttpExchange exchange, int status, String text) throws IOException {
        sendBytes(exchange, status, text.getBytes(StandardCharsets.UTF_8));
    }

    static void sendJson(HttpExchange exchange, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        sendStatus(exchange, 200, json);
    }

    static void redirect(HttpExchange exchange, URI to) throws IOException {
        exchange.getResponseHeaders().set("Location", to.toString());
        exchange.sendResponseHeaders(302, -1);
    }
}
