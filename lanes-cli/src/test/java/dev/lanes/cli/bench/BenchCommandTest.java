package dev.lanes.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.cli.CliRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code lanes bench}'s option checks, in-process: each bad value is one line, exit code 2, before any broker. */
class BenchCommandTest {

    @Test
    void helpListsBenchAndItsOptions() {
        assertThat(CliRun.of("--help").out()).contains("bench");
        CliRun run = CliRun.of("bench", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: lanes bench").contains("--records", "--keys", "--partitions",
                "--value-bytes", "--sleep-records", "--sleep-partition-records", "--sleep-ms", "--concurrency",
                "--cases", "--json", "--bootstrap", "--peer");
    }

    @Test
    void unknownCaseNamesTheKnownOnes() {
        CliRun.of("bench", "--cases", "plain,noop-fast").assertBadInput(
                "lanes: error: --cases: unknown case 'noop-fast'; known: plain,noop-unordered,noop-partition,"
                        + "noop-key,sleep-unordered,sleep-key,sleep-partition (see 'lanes bench --help')");
        CliRun.of("bench", "--cases", "").assertBadInput(
                "lanes: error: --cases: unknown case ''; known: plain,noop-unordered,noop-partition,"
                        + "noop-key,sleep-unordered,sleep-key,sleep-partition (see 'lanes bench --help')");
    }

    @Test
    void countsMustBePositive() {
        CliRun.of("bench", "--records", "0").assertBadInput(
                "lanes: error: --records must be at least 1, was 0 (see 'lanes bench --help')");
        CliRun.of("bench", "--concurrency", "0").assertBadInput(
                "lanes: error: --concurrency must be 1 to 1000000, was 0 (see 'lanes bench --help')");
        CliRun.of("bench", "--keys", "-1").assertBadInput(
                "lanes: error: --keys must be at least 1, was -1 (see 'lanes bench --help')");
        CliRun.of("bench", "--partitions", "0").assertBadInput(
                "lanes: error: --partitions must be 1 to 10000, was 0 (see 'lanes bench --help')");
        CliRun.of("bench", "--sleep-ms", "0").assertBadInput(
                "lanes: error: --sleep-ms must be 1 to 60000, was 0 (see 'lanes bench --help')");
        CliRun.of("bench", "--sleep-records", "0").assertBadInput(
                "lanes: error: --sleep-records must be at least 1, was 0 (see 'lanes bench --help')");
        CliRun.of("bench", "--max-batch-size", "0").assertBadInput(
                "lanes: error: --max-batch-size must be 1 to 10000, was 0 (see 'lanes bench --help')");
        CliRun.of("bench", "--max-batch-size", "10001").assertBadInput(
                "lanes: error: --max-batch-size must be 1 to 10000, was 10001 (see 'lanes bench --help')");
    }

    @Test
    void otherBadValuesAreOneLine() {
        CliRun.of("bench", "--records", "lots").assertBadInput("lanes: error: Invalid value for option"
                + " '--records': 'lots' is not a long (see 'lanes bench --help')");
        CliRun.of("bench", "--timeout", "10").assertBadInput("lanes: error: Invalid value for option"
                + " '--timeout': '10' is not a duration; use e.g. 500ms, 5s, 1m, 2h or PT5S"
                + " (see 'lanes bench --help')");
        CliRun.of("bench", "--json", "/no/such/dir/out.json").assertBadInput(
                "lanes: error: --json /no/such/dir/out.json: directory /no/such/dir does not exist"
                        + " (see 'lanes bench --help')");
        CliRun.of("bench", "--bootstrap", " ").assertBadInput(
                "lanes: error: --bootstrap must not be empty (see 'lanes bench --help')");
    }

    @Test
    void repeatIsBounded() {
        CliRun.of("bench", "--repeat", "0").assertBadInput(
                "lanes: error: --repeat must be 1 to 100, was 0 (see 'lanes bench --help')");
    }

    private static BenchResult run(double rate, String note) {
        return new BenchResult("noop-key", 10, note == null ? 10 : 5, rate, 0, 1.0, 10, 5, 20, 20, 1.0, 0.5,
                Map.of("poller", 0.25), note, "polled=10");
    }

    @Test
    void repeatedRunsReportTheRunOfMedianRateAndListEveryRate() {
        BenchResult median = BenchResult.medianOf(List.of(run(3_000, null), run(1_000, null), run(2_000, null)));

        assertThat(median.recordsPerSecond()).isEqualTo(2_000);
        assertThat(median.cpuByThread()).containsEntry("poller", 0.25);
        assertThat(median.detail()).isEqualTo("median of 3 runs (3,000 · 1,000 · 2,000 rec/s); polled=10");
        assertThat(BenchResult.medianOf(List.of(run(1_000, null), run(2_000, null))).recordsPerSecond())
                .as("the lower middle of an even count").isEqualTo(1_000);
    }

    @Test
    void anIncompleteRunIsTheResultOfItsRepetitions() {
        BenchResult result = BenchResult.medianOf(List.of(run(3_000, null), run(500, "TIMEOUT after 5")));

        assertThat(result.complete()).isFalse();
        assertThat(result.note()).isEqualTo("TIMEOUT after 5");
    }

    @Test
    void unknownPeerNamesTheKnownOne() {
        CliRun.of("bench", "--peer", "spring-kafka").assertBadInput(
                "lanes: error: --peer: unknown peer 'spring-kafka'; known: confluent-pc (see 'lanes bench --help')");
    }
}
