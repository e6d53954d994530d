package dev.lanes.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.cli.LanesProcess;
import dev.lanes.embedded.EmbeddedKafka;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes demo} as users run it (a child JVM), scaled down, against the shared embedded
 * broker: every strategy processes every event, the partition cap shows where it should and not
 * where it should not, and the table, the JSON and the HTML report agree.
 */
class DemoCommandIT {

    private static final List<String> STRATEGIES = List.of("sequential", "group-20", "thread-per-partition",
            "lanes-partition-20", "lanes-key-20", "lanes-unordered-20", "lanes-unordered-50", "lanes-unordered-50-4p",
            "lanes-key-200", "lanes-unordered-200");

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    @TempDir
    Path dir;

    @Test
    void everyStrategyProcessesEveryEventAndIsReported(EmbeddedKafka kafka) throws Exception {
        Path json = dir.resolve("demo.json");
        Path html = dir.resolve("demo.html");

        LanesProcess.Finished run = LanesProcess.run(180, "demo", "--bootstrap", kafka.bootstrapServers(),
                "--events", "600", "--keys", "100", "--work-ms", "3", "--sequential-sample", "50",
                "--high-concurrency", "200", "--slow-key-hold", "2s", "--html", html.toString(), "--json",
                json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("error");
        List<String> table = run.out().lines().collect(Collectors.toList());
        assertThat(table.get(0)).startsWith("strategy").contains("wall time", "speed-up", "efficiency", "checked");
        assertThat(table.subList(1, 1 + STRATEGIES.size())).allSatisfy(row -> assertThat(row).endsWith(" ok"));
        assertThat(table.get(1)).matches("one consumer, sequential\\s+16\\s+1 × 1\\s+1\\s+[\\d.]+ s\\*.*50/50 ok");
        assertThat(run.out()).contains("* sequential: measured on the first 50 events");

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode strategies = root.get("strategies");
        assertThat(strategies.findValuesAsText("name")).containsExactlyElementsOf(STRATEGIES);
        for (JsonNode s : strategies) {
            String name = s.get("name").asText();
            assertThat(s.get("complete").asBoolean()).as(name).isTrue();
            assertThat(s.get("distinct").asLong()).as(name).isGreaterThanOrEqualTo(s.get("records").asLong());
            assertThat(s.get("records").asLong()).as(name).isEqualTo(name.equals("sequential") ? 50 : 600);
            int peak = s.get("peakInFlight").asInt();
            // Never above the limit the strategy can reach: the partition cap where order is per partition.
            assertThat(peak).as(name).isBetween(1, s.get("effectiveConcurrency").asInt());
            assertThat(s.get("efficiency").asDouble()).as(name).isBetween(0.01, 1.0);
            assertThat(s.get("timeline").size()).as(name).isPositive();
        }
        // Lanes lifts the cap: at 200, the unordered row runs far more at once than the 16 partitions.
        assertThat(strategies.get(9).get("peakInFlight").asInt()).isGreaterThan(16);
        assertThat(strategies.get(7).get("partitions").asInt()).isEqualTo(4);
        assertThat(strategies.get(7).get("peakInFlight").asInt()).isGreaterThan(4);

        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).startsWith("<!DOCTYPE html>").doesNotContain("http://").doesNotContain("https://");
        // the throughput chart, one per row, the slow key's
        assertThat(page.split("<svg", -1)).hasSize(STRATEGIES.size() + 3);
        assertThat(page).contains("<polyline class=\"kafka-lag\"", "<polyline class=\"not-ended\"");
        theSlowKeyRunShowsKafkasLagOvercounting(root.get("slowKey"), run.out());
    }

    /**
     * One key held 2 s among 600 events: Kafka's lag stays above what is left (it cannot pass the
     * held record), the backlog never counts less than what is left, and at the end all is 0.
     */
    private static void theSlowKeyRunShowsKafkasLagOvercounting(JsonNode slow, String table) {
        assertThat(slow.get("note").isNull()).as(slow.toString()).isTrue();
        assertThat(slow.get("events").asLong()).isEqualTo(600);
        assertThat(slow.get("keyRecords").asLong()).isPositive();
        JsonNode samples = slow.get("samples");
        assertThat(samples.size()).isGreaterThanOrEqualTo(5);
        long widestOvercount = 0;
        for (JsonNode sample : samples) {
            long kafkaLag = sample.get(1).asLong();
            long notEnded = sample.get(3).asLong();
            assertThat(kafkaLag).as(sample.toString()).isGreaterThanOrEqualTo(notEnded);
            long backlog = sample.get(2).asLong();
            assertThat(backlog).as(sample.toString()).isBetween(notEnded, kafkaLag);
            widestOvercount = Math.max(widestOvercount, kafkaLag - backlog);
        }
        // Kafka's lag counted finished records that the backlog did not.
        assertThat(widestOvercount).isPositive();
        assertThat(samples.get(samples.size() - 1).toString()).matches("\\[[0-9.]+,0,0,0\\]");
        assertThat(table).contains("slow key: Lanes KEY @50, 16 partitions, 600 events", "Kafka lag",
                "Lanes backlog", "not ended");
    }

    @Test
    void jsonOnStdoutMovesTheTableToStderr(EmbeddedKafka kafka) throws Exception {
        LanesProcess.Finished run = LanesProcess.run(60, "demo", "--bootstrap", kafka.bootstrapServers(),
                "--events", "200", "--work-ms", "1", "--strategies", "lanes-unordered-50", "--no-html", "--json", "-");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("strategies").get(0).get("distinct").asLong()).isEqualTo(200);
        assertThat(run.err()).contains("strategy", "Lanes UNORDERED", "200/200 ok");
    }
}
