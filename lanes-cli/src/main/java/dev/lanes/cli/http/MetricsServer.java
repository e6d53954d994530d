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
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A tiny HTTP server for a command that serves text while it runs (its metrics, a JSON view): GET
 * (or HEAD) on a known path answers with what that path's route replies at that moment; any other
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
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** One answer: its status, content type and body. */
    public record Reply(int status, String contentType, String body) {
    }

    /** A path served: what it replies at the moment of each request. */
    public record Route(Supplier<Reply> reply) {
        /** A path that always answers 200 with what {@code body} returns, of this content type. */
        public static Route ok(String contentType, Supplier<String> body) {
            return new Route(() -> new Reply(200, contentType, body.get()));
        }
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
        Map<String, Route> served = Map.copyOf(routes);
        String paths = String.join(" or ", new TreeSet<>(served.keySet()));
        server.createContext("/", exchange -> answer(exchange, served, paths));
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

    private static void answer(HttpExchange exchange, Map<String, Route> routes, String paths) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            Route route = routes.get(exchange.getRequestURI().getPath());
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, new Reply(405, TEXT, "only GET and HEAD\n"));
            } else if (route == null) {
                send(exchange, new Reply(404, TEXT, "not found: try " + paths + "\n"));
            } else {
                send(exchange, route.reply().get());
            }
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(reply.status(), head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
