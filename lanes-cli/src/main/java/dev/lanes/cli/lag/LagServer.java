package dev.lanes.cli.lag;

import dev.lanes.GroupBacklog;
import dev.lanes.cli.Json;
import dev.lanes.cli.http.MetricsServer;
import dev.lanes.cli.http.MetricsServer.Reply;
import dev.lanes.cli.http.MetricsServer.Route;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code lanes lag --serve}: a {@link MetricsServer} with two pages, {@code /metrics} (Prometheus
 * text) and {@code /lag} (the JSON of {@link LagJson}, for KEDA's metrics-api scaler), both from
 * the latest reading. A reading that failed makes both answer 503 with the error, rather than serve
 * numbers that are no longer true. The command's thread calls {@link #show}; the server's one
 * thread answers requests.
 */
final class LagServer implements AutoCloseable {

    /** As KEDA's metrics-api scaler is documented to expect it. */
    private static final String JSON = "application/json";

    private final LagMeters meters = new LagMeters();
    private final MetricsServer server;
    private final String host;
    /** The latest /lag body, or null before the first reading. */
    private volatile String lag;
    /** The latest reading's error, or null when it succeeded. */
    private volatile String error;

    private LagServer(InetSocketAddress address) {
        this.host = address.getHostString();
        this.server = MetricsServer.start(address.getAddress(), address.getPort(), Map.of(
                "/metrics", new Route(() -> reply(MetricsServer.PROMETHEUS_TEXT, meters::scrape)),
                "/lag", new Route(() -> reply(JSON, () -> lag + "\n"))));
    }

    /** Starts serving on this address; port 0 takes a free one ({@link #address()}). */
    static LagServer start(InetSocketAddress address) {
        return new LagServer(address);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(host, server.port());
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

    private Reply reply(String contentType, Supplier<String> body) {
        String failed = error;
        if (failed != null || lag == null) {
            String why = failed != null ? failed : "no reading yet";
            return new Reply(503, JSON, "{\"error\":" + Json.quote(why) + "}\n");
        }
        return new Reply(200, contentType, body.get());
    }

    @Override
    public void close() {
        server.close();
    }
}
