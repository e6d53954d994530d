package dev.lanes.cli.lag;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lanes.GroupBacklog;
import dev.lanes.cli.CliException;
import dev.lanes.cli.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code lanes lag --serve}: the JDK's HTTP server with two pages, {@code /metrics} (Prometheus
 * text) and {@code /lag} (the JSON of {@link LagJson}, for KEDA's metrics-api scaler), both from
 * the latest reading. A reading that failed makes both answer 503 with the error, rather than serve
 * numbers that are no longer true. The command's thread calls {@link #show}; the server's one
 * thread answers requests.
 */
final class LagServer implements AutoCloseable {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";

    private final HttpServer server;
    private final LagMeters meters = new LagMeters();
    /** The latest /lag body, or null before the first reading. */
    private volatile String lag;
    /** The latest reading's error, or null when it succeeded. */
    private volatile String error;

    private LagServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving on this address; port 0 takes a free one ({@link #address()}). */
    static LagServer start(InetSocketAddress address) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new CliException("cannot serve on " + address.getHostString() + ":" + address.getPort() + ": "
                    + e.getMessage(), e);
        }
        LagServer lagServer = new LagServer(server);
        server.createContext("/", lagServer::answer);
        server.start();
        return lagServer;
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    /** Serves this backlog from now on. */
    void show(GroupBacklog backlog) {
        meters.update(backlog);
        lag = LagJson.render(backlog);
        error = null;
    }

    /** Serves this error (503) until the next successful reading. */
    void showError(String message) {
        error = message;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, "text/plain", "only GET and HEAD\n");
            } else if (!path.equals("/metrics") && !path.equals("/lag")) {
                send(exchange, 404, "text/plain", "not found: try /metrics or /lag\n");
            } else if (error != null || lag == null) {
                String why = error != null ? error : "no reading yet";
                send(exchange, 503, JSON, "{\"error\":" + Json.quote(why) + "}\n");
            } else if (path.equals("/lag")) {
                send(exchange, 200, JSON, lag + "\n");
            } else {
                send(exchange, 200, PROMETHEUS_TEXT, meters.scrape());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
