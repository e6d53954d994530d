package dev.lanes.cli.lag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.GroupBacklog;
import dev.lanes.PartitionBacklog;
import dev.lanes.PartitionBacklog.MetadataStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The served pages on loopback: the latest reading, 503 while the latest reading failed, 404 elsewhere. */
class LagServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final GroupBacklog BACKLOG = GroupBacklog.of("g", List.of(
            new PartitionBacklog("t", 0, 100, 10, 90, 85, 5, MetadataStatus.LANES, "85 ended offsets")));

    @Test
    void servesTheLatestReadingAndAnErrorUntilTheNextOneSucceeds() throws Exception {
        try (LagServer server = LagServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String base = "http://127.0.0.1:" + server.address().getPort();
            assertThat(get(base + "/lag")).extracting(HttpResponse::statusCode).isEqualTo(503);

            server.show(BACKLOG);
            HttpResponse<String> lag = get(base + "/lag");
            assertThat(lag.statusCode()).isEqualTo(200);
            assertThat(lag.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(lag.body()).isEqualTo(LagJson.render(BACKLOG) + "\n");
            HttpResponse<String> metrics = get(base + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(metrics.body()).contains("lanes_lag_group_backlog_records{group=\"g\"} 5.0");

            server.showError("cannot read the backlog of group g: the cluster is gone");
            HttpResponse<String> failed = get(base + "/metrics");
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.body()).isEqualTo("{\"error\":\"cannot read the backlog of group g: the cluster is gone\"}\n");
            assertThat(get(base + "/lag").statusCode()).isEqualTo(503);

            server.show(BACKLOG);
            assertThat(get(base + "/lag").statusCode()).isEqualTo(200);
            assertThat(get(base + "/").statusCode()).isEqualTo(404);
            assertThat(get(base + "/lag/x").statusCode()).isEqualTo(404);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
