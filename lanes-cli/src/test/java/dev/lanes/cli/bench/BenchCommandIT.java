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
 * {@code lanes bench} as users run it (a child JVM), on a tiny workload against the shared
 * embedded broker: every case runs, the table gives each a ratio, and the JSON parses back.
 */
class BenchCommandIT {

    private static final List<String> CASES = List.of("plain", "noop-unordered", "noop-partition", "noop-key",
            "sleep-unordered", "sleep-key", "sleep-partition");

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    @TempDir
    Path dir;

    @Test
    void everyCaseRunsAndIsReportedInTheTableAndTheJson(EmbeddedKafka kafka) throws Exception {
        Path json = dir.resolve("bench.json");

        LanesProcess.Finished run = LanesProcess.run(90, "bench", "--bootstrap", kafka.bootstrapServers(),
                "--records", "20000", "--partitions", "4", "--keys", "100", "--sleep-records", "2000",
                "--sleep-partition-records", "240", "--sleep-ms", "5", "--concurrency", "200",
                "--json", json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("error");
        List<String> table = run.out().lines().collect(Collectors.toList());
        assertThat(table.get(0)).startsWith("case").contains("rec/s", "ratio", "heap MiB", "RSS MiB");
        for (int i = 0; i < CASES.size(); i++) {
            String expectedRecords = CASES.get(i).startsWith("sleep-partition") ? "240"
                    : CASES.get(i).startsWith("sleep") ? "2,000" : "20,000";
            assertThat(table.get(1 + i)).as(run.out())
                    .matches(CASES.get(i) + "\\s+" + expectedRecords + "\\s+[\\d,]+\\s+\\d+\\.\\d{3}\\s+"
                            + (CASES.get(i).startsWith("sleep") ? "ideal" : "plain") + "\\s.*");
        }
        assertThat(table.get(1)).contains(" 1.000 ");

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("machine").asText()).contains("settings: bench --bootstrap");
        JsonNode cases = root.get("cases");
        assertThat(cases.findValuesAsText("case")).containsExactlyElementsOf(CASES);
        for (JsonNode c : cases) {
            assertThat(c.get("records").asLong()).as(c.toString()).isEqualTo(c.get("needed").asLong());
            assertThat(c.get("recordsPerSecond").asDouble()).as(c.toString()).isPositive();
            assertThat(c.get("ratio").asDouble()).as(c.toString()).isPositive();
            assertThat(c.get("peakHeapUsedMiB").asDouble()).as(c.toString()).isPositive();
            assertThat(c.get("note").isNull()).as(c.toString()).isTrue();
            assertThat(c.get("cpuSecondsPerMillion").asDouble()).as(c.toString()).isPositive();
            assertThat(c.get("cpuByThread").has("jit")).as(c.toString()).isTrue();
        }
        double pollerSeconds = 0;
        for (int i = 1; i < CASES.size(); i++) {
            pollerSeconds += cases.get(i).get("cpuByThread").get("poller").asDouble();
        }
        assertThat(pollerSeconds).as("the Lanes cases' pollers").isPositive();
        assertThat(cases.get(0).get("cpuByThread").get("poller").asDouble()).as("plain has none").isZero();
        assertThat(run.err()).contains("warm-up (not reported): " + CASES.get(1) + ":");
        assertThat(cases.get(0).get("ratio").asDouble()).isEqualTo(1.0);
    }
}
