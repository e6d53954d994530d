package dev.lanes.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.cli.CliException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The small HTTP server on loopback: what each path answers, and a port in use. */
class MetricsServerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(int port, String method, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesWhatTheSupplierReturnsAtEachRequest() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        MetricsServer.Route route = MetricsServer.Route.ok(MetricsServer.PROMETHEUS_TEXT,
                () -> "scrape " + scrapes.incrementAndGet() + "\n");
        try (MetricsServer server = MetricsServer.start(LOOPBACK, 0, Map.of("/metrics", route))) {
            HttpResponse<String> first = send(server.port(), "GET", "/metrics");
            HttpResponse<String> second = send(server.port(), "GET", "/metrics");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("scrape 1\n");
            assertThat(second.body()).isEqualTo("scrape 2\n");
            assertThat(first.headers().firstValue("Content-Type")).contains(MetricsServer.PROMETHEUS_TEXT);
            assertThat(send(server.port(), "GET", "/metrics/more").statusCode()).isEqualTo(404);
            assertThat(send(server.port(), "GET", "/").statusCode()).isEqualTo(404);
            assertThat(send(server.port(), "POST", "/metrics").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void aPortInUseIsOneSentenceNamingIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> MetricsServer.start(LOOPBACK, port, Map.of()))
                    .isInstanceOf(CliException.class)
                    .hasMessageStartingWith("cannot serve on 127.0.0.1:" + port + ": the port is in use");
        }
    }
}
