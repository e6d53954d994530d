package dev.lanes.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.cli.LanesProcess;
import dev.lanes.embedded.EmbeddedKafka;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes bench --peer confluent-pc} as users run it, on a tiny workload against the shared
 * embedded broker: Confluent's Parallel Consumer runs in its child JVM (kafka-clients 3.9) on the
 * same topic, counts every record, and its row and the ratio Lanes ÷ peer reach the table and the JSON.
 */
class PeerBenchIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    @TempDir
    Path dir;

    @Test
    void thePeerCountsEveryRecordAndTheReportHasItsRowAndTheRatio(EmbeddedKafka kafka) throws Exception {
        Path json = dir.resolve("bench.json");

        LanesProcess.Finished run = LanesProcess.run(60, "bench", "--bootstrap", kafka.bootstrapServers(),
                "--records", "5000", "--partitions", "3", "--keys", "100", "--cases", "noop-key",
                "--peer", "confluent-pc", "--timeout", "20s", "--json", json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("FAILED").doesNotContain("Exception");
        List<String> table = run.out().lines().collect(Collectors.toList());
        assertThat(table.get(1)).as(run.out()).matches("noop-key\\s+5,000\\s+.*lanes/peer=\\d+\\.\\d\\d");
        assertThat(table.get(2)).as(run.out()).matches("noop-key@confluent-pc\\s+5,000\\s+[\\d,]+\\s+-\\s+plain\\s.*");

        JsonNode cases = new ObjectMapper().readTree(json.toFile()).get("cases");
        assertThat(cases).hasSize(2);
        JsonNode lanes = cases.get(0);
        JsonNode peer = cases.get(1);
        assertThat(lanes.get("peer").isNull()).isTrue();
        assertThat(peer.get("case").asText()).isEqualTo("noop-key");
        assertThat(peer.get("peer").asText()).isEqualTo("confluent-pc");
        assertThat(peer.get("records").asLong()).as(peer.toString()).isEqualTo(5000);
        assertThat(peer.get("needed").asLong()).isEqualTo(5000);
        assertThat(peer.get("note").isNull()).as(peer.toString()).isTrue();
        assertThat(peer.get("detail").asText()).contains("confluent-pc 0.5.3.3", "ordering=KEY", "maxConcurrency=64");
        assertThat(peer.get("recordsPerSecond").asDouble()).isPositive();
        assertThat(lanes.get("lanesOverPeer").asDouble()).isCloseTo(
                lanes.get("recordsPerSecond").asDouble() / peer.get("recordsPerSecond").asDouble(),
                org.assertj.core.api.Assertions.within(0.01 * lanes.get("lanesOverPeer").asDouble()));
    }
}
