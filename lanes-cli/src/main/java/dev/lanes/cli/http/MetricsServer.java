package dev.lanes.cli.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lanes.cli.CliException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A tiny HTTP server for a command that serves text while it runs (its metrics, a JSON view): GET
 * on a known path answers 200 with what that path's supplier returns at that moment; any other
 * path 404, any other method 405. Built on the JDK's {@code com.sun.net.httpserver}, no dependency.
 *
 * <p>Threads: requests run one at a time on the server's own daemon thread, which calls the
 * suppliers (they must be safe to call from it); {@link #start} and {@link #close} on the
 * command's thread. Holds no state of its own beyond the JDK server.
 */
public final class MetricsServer implements AutoCloseable {
    /** Prometheus' text exposition format, as Micrometer's Prometheus registry renders it. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    public static final String JSON = "application/json; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** A path served, and the content type of what its supplier returns. */
    public record Route(String contentType, Supplier<String> body) {
    }

    /**
     * Listens on {@code address:port} (port 0: any free one) and serves {@code routes} by path.
     *
     * @throws CliException with one sentence naming the address when it cannot listen there
     *     (the port is in use, or the address is not this machine's)
     */
    public static MetricsServer start(InetAddress address, int port, Map<String, Route> routes) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (BindException e) {
            throw new CliException("cannot serve on " + address.getHostAddress() + ":" + port
                    + ": the port is in use (" + e.getMessage() + "); choose another");
        } catch (IOException e) {
            throw new CliException("cannot serve on " + address.getHostAddress() + ":" + port + ": "
                    + e.getMessage(), e);
        }
        routes.forEach((path, route) -> server.createContext(path, exchange -> answer(exchange, path, route)));
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "lanes-http-" + server.getAddress().getPort());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsServer(server, executor);
    }

    /** The port it listens on (the one chosen, when started with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening at once; a request being answered is cut short. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void answer(HttpExchange exchange, String path, Route route) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "only GET\n");
            } else {
                send(exchange, 200, route.contentType(), route.body().get());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
