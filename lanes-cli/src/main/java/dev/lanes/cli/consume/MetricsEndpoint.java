package dev.lanes.cli.consume;

import dev.lanes.LanesConsumer;
import dev.lanes.cli.http.MetricsServer;
import dev.lanes.micrometer.LanesMetrics;
import dev.lanes.micrometer.LanesMetricsConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.util.Map;

/**
 * {@code lanes consume --metrics-port}: the consumer's own metrics, bound by {@link LanesMetrics}
 * to a Prometheus registry of its own (tags {@code group} and {@code instance}), served as
 * Prometheus text at {@code /metrics} on 127.0.0.1 by a {@link MetricsServer}.
 *
 * <p>The port is taken by {@link #listen} before the consumer exists, so that a port in use fails
 * the command before it joins the group; {@link #bind} then adds the consumer. Both on the
 * command's thread; the server's thread renders the registry per request.
 */
final class MetricsEndpoint implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsServer server;
    private LanesMetrics metrics;

    private MetricsEndpoint(int port) {
        this.server = MetricsServer.start(InetAddress.getLoopbackAddress(), port,
                Map.of("/metrics", MetricsServer.Route.ok(MetricsServer.PROMETHEUS_TEXT, registry::scrape)));
    }

    /** Listens on 127.0.0.1:{@code port}; serves no consumer yet (an empty page). */
    static MetricsEndpoint listen(int port) {
        return new MetricsEndpoint(port);
    }

    /** From now on {@code /metrics} shows this consumer's meters; call before it starts. */
    void bind(LanesConsumer<?, ?> consumer, String group, String instance) {
        metrics = LanesMetrics.bind(consumer, registry,
                LanesMetricsConfig.builder().tag("group", group).tag("instance", instance).build());
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        if (metrics != null) {
            metrics.close();
        }
        registry.close();
    }
}
