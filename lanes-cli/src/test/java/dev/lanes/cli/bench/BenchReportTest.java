package dev.lanes.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link BenchReport}'s ratios, table and JSON, from fixed results. */
class BenchReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static BenchResult result(String name, double rate, double ideal, String note) {
        return new BenchResult(name, 1000, note == null ? 1000 : 10, rate, ideal, 1.5, 100.25, 30, 300, 310,
                2.0, Double.NaN, cpuByThread(), note, "polled=1000 \"quoted\" \\ tab\t");
    }

    private static Map<String, Double> cpuByThread() {
        Map<String, Double> byThread = new LinkedHashMap<>();
        byThread.put("poller", 0.5);
        byThread.put("other", 1.5);
        return byThread;
    }

    private static final List<BenchResult> RESULTS = List.of(
            result("plain", 2_000_000, 0, null),
            result("noop-unordered", 1_000_000, 0, null),
            result("noop-key", 1_500_000, 0, null),
            result("sleep-unordered", 90_000, 100_000, null),
            result("sleep-partition", 1_100, 1_200, "TIMEOUT after 10"));

    @Test
    void ratiosAreAgainstPlainOrTheIdeal() {
        BenchReport report = new BenchReport("machine", RESULTS);

        assertThat(RESULTS.stream().map(report::ratio).collect(Collectors.toList()))
                .containsExactly(1.0, 0.5, 0.75, 0.9, 1_100 / 1_200.0);
        assertThat(RESULTS.stream().map(BenchReport::ratioAgainst).collect(Collectors.toList()))
                .containsExactly("plain", "plain", "plain", "ideal", "ideal");
    }

    @Test
    void withoutPlainTheNoOpCasesHaveNoRatio() {
        BenchReport report = new BenchReport("m", List.of(RESULTS.get(1), RESULTS.get(3)));

        assertThat(report.ratio(RESULTS.get(1))).isNaN();
        assertThat(report.ratio(RESULTS.get(3))).isEqualTo(0.9);
        assertThat(report.table().lines().skip(1).findFirst().orElseThrow())
                .matches("noop-unordered\\s+1,000\\s+1,000,000\\s+-\\s+plain\\s.*");
    }

    @Test
    void tableHasAHeaderAndOneRowPerCaseWithItsRatio() {
        List<String> lines = new BenchReport("m", RESULTS).table().lines().collect(Collectors.toList());

        assertThat(lines.get(0)).startsWith("case").contains("rec/s", "ratio", "heap MiB", "RSS MiB");
        assertThat(lines.get(1)).matches("plain\\s+1,000\\s+2,000,000\\s+1\\.000\\s+plain\\s+1\\.50\\s+100\\.3"
                + "\\s+30\\.0\\s+300\\.0\\s+310\\.0\\s+2000\\.00\\s+1\\.00");
        assertThat(lines.get(2)).matches("noop-unordered\\s+1,000\\s+1,000,000\\s+0\\.500\\s+plain\\s.*");
        assertThat(lines.get(3)).matches("noop-key\\s+1,000\\s+1,500,000\\s+0\\.750\\s+plain\\s.*");
        assertThat(lines.get(4)).matches("sleep-unordered\\s+1,000\\s+90,000\\s+0\\.900\\s+ideal\\s.*");
        assertThat(lines.get(5)).matches("sleep-partition\\s+10\\s+1,100\\s+0\\.917\\s+ideal\\s.*"
                + "  TIMEOUT after 10");
        assertThat(lines.get(6)).startsWith("  plain: cpu bench=2.0s (poller 0.50 other 1.50) broker=n/a; ideal=-;"
                + " polled=1000");
        assertThat(lines.get(9)).startsWith("  sleep-unordered: cpu bench=2.0s (poller 0.50 other 1.50) broker=n/a;"
                + " ideal=100000 rec/s;");
        assertThat(lines).hasSize(11);
    }

    @Test
    void jsonParsesBackWithEveryCase() throws Exception {
        JsonNode root = JSON.readTree(new BenchReport("java 25 \"x\", settings: --records 1", RESULTS).json());

        assertThat(root.get("machine").asText()).isEqualTo("java 25 \"x\", settings: --records 1");
        JsonNode cases = root.get("cases");
        assertThat(cases).hasSize(5);
        assertThat(cases.findValuesAsText("case")).containsExactly("plain", "noop-unordered", "noop-key",
                "sleep-unordered", "sleep-partition");
        JsonNode noop = cases.get(1);
        assertThat(noop.get("records").asLong()).isEqualTo(1000);
        assertThat(noop.get("needed").asLong()).isEqualTo(1000);
        assertThat(noop.get("recordsPerSecond").asDouble()).isEqualTo(1_000_000);
        assertThat(noop.get("ratio").asDouble()).isEqualTo(0.5);
        assertThat(noop.get("ratioAgainst").asText()).isEqualTo("plain");
        assertThat(noop.get("peakHeapUsedMiB").asDouble()).isCloseTo(100.25, within(0.06));
        assertThat(noop.get("peakRssMiB").asDouble()).isEqualTo(300);
        assertThat(noop.get("brokerCpuSeconds").isNull()).isTrue();
        assertThat(noop.get("note").isNull()).isTrue();
        assertThat(noop.get("detail").asText()).isEqualTo("polled=1000 \"quoted\" \\ tab\t");
        assertThat(noop.get("cpuSecondsPerMillion").asDouble()).isEqualTo(2000);
        assertThat(noop.get("cpuRatio").asDouble()).as("the same CPU per record as plain").isEqualTo(1.0);
        assertThat(noop.get("cpuByThread").get("poller").asDouble()).isEqualTo(0.5);
        assertThat(noop.get("cpuByThread").get("other").asDouble()).isEqualTo(1.5);
        JsonNode partition = cases.get(4);
        assertThat(partition.get("ratio").asDouble()).isCloseTo(0.9167, within(1e-4));
        assertThat(partition.get("ratioAgainst").asText()).isEqualTo("ideal");
        assertThat(partition.get("ideal").asDouble()).isEqualTo(1200);
        assertThat(partition.get("note").asText()).isEqualTo("TIMEOUT after 10");
    }

    @Test
    void jsonWritesNullForAMissingRatio() throws Exception {
        JsonNode root = JSON.readTree(new BenchReport("m", List.of(RESULTS.get(1))).json());

        assertThat(root.get("cases").get(0).get("ratio").isNull()).isTrue();
    }

    private static BenchResult peer(String name, double rate, double ideal, String note) {
        return new BenchResult(name, 1000, note == null ? 1000 : 0, rate, ideal, 3.0, 700, Double.NaN, 900, 950,
                4.0, 1.0, Map.of(), note, "confluent-pc 0.5.3.3", "confluent-pc");
    }

    private static final List<BenchResult> WITH_PEER = List.of(
            result("plain", 2_000_000, 0, null),
            result("noop-key", 1_500_000, 0, null),
            peer("noop-key", 100_000, 0, null),
            result("sleep-unordered", 90_000, 100_000, null),
            peer("sleep-unordered", 0, 100_000, "FAILED: the peer exited with 1: boom"));

    @Test
    void peerRowsHaveTheirOwnRatioAndTheLanesRowTheRatioOverThePeer() {
        BenchReport report = new BenchReport("m", WITH_PEER);

        assertThat(WITH_PEER.stream().map(report::ratio).collect(Collectors.toList()))
                .containsExactly(1.0, 0.75, 0.05, 0.9, 0.0);
        assertThat(WITH_PEER.stream().map(report::lanesOverPeer).collect(Collectors.toList()))
                .containsExactly(Double.NaN, 15.0, Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void tableShowsThePeerRowsAfterTheirLanesRows() {
        List<String> lines = new BenchReport("m", WITH_PEER).table().lines().collect(Collectors.toList());

        assertThat(lines.get(1)).doesNotContain("lanes/peer");
        assertThat(lines.get(2)).matches("noop-key\\s+1,000\\s+1,500,000\\s+0\\.750\\s+plain\\s.*  lanes/peer=15\\.00");
        assertThat(lines.get(3)).matches("noop-key@confluent-pc\\s+1,000\\s+100,000\\s+0\\.050\\s+plain\\s+3\\.00"
                + "\\s+700\\.0\\s+NaN\\s+900\\.0\\s+950\\.0\\s+4000\\.00\\s+2\\.00");
        assertThat(lines.get(4)).doesNotContain("lanes/peer");
        assertThat(lines.get(5)).matches("sleep-unordered@confluent-pc\\s+0\\s+0\\s+0\\.000\\s+ideal\\s.*"
                + "  FAILED: the peer exited with 1: boom");
        assertThat(lines.get(8)).startsWith("  noop-key@confluent-pc: cpu peer=4.0s broker=1.0s; ideal=-;"
                + " confluent-pc 0.5.3.3");
    }

    @Test
    void jsonNamesThePeerAndGivesTheRatioOverIt() throws Exception {
        JsonNode cases = JSON.readTree(new BenchReport("m", WITH_PEER).json()).get("cases");

        assertThat(cases.findValuesAsText("case")).containsExactly("plain", "noop-key", "noop-key",
                "sleep-unordered", "sleep-unordered");
        assertThat(cases.get(1).get("peer").isNull()).isTrue();
        assertThat(cases.get(1).get("lanesOverPeer").asDouble()).isEqualTo(15.0);
        assertThat(cases.get(2).get("peer").asText()).isEqualTo("confluent-pc");
        assertThat(cases.get(2).get("lanesOverPeer").isNull()).isTrue();
        assertThat(cases.get(2).get("ratio").asDouble()).isEqualTo(0.05);
        assertThat(cases.get(2).get("peakHeapAfterGcMiB").isNull()).isTrue();
        assertThat(cases.get(3).get("lanesOverPeer").isNull()).isTrue();
        assertThat(cases.get(4).get("note").asText()).isEqualTo("FAILED: the peer exited with 1: boom");
        assertThat(cases.get(4).get("records").asLong()).isZero();
    }
}
