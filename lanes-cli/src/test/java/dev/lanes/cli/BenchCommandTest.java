package dev.lanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
                "--cases", "--json", "--bootstrap");
    }

    @Test
    void unknownCaseNamesTheKnownOnes() {
        assertOneLineError(CliRun.of("bench", "--cases", "plain,noop-fast"),
                "lanes: error: --cases: unknown case 'noop-fast'; known: plain,noop-unordered,noop-partition,"
                        + "noop-key,sleep-unordered,sleep-key,sleep-partition (see 'lanes bench --help')");
        assertOneLineError(CliRun.of("bench", "--cases", ""),
                "lanes: error: --cases: unknown case ''; known: plain,noop-unordered,noop-partition,"
                        + "noop-key,sleep-unordered,sleep-key,sleep-partition (see 'lanes bench --help')");
    }

    @Test
    void countsMustBePositive() {
        assertOneLineError(CliRun.of("bench", "--records", "0"),
                "lanes: error: --records must be at least 1, was 0 (see 'lanes bench --help')");
        assertOneLineError(CliRun.of("bench", "--concurrency", "0"),
                "lanes: error: --concurrency must be 1 to 1000000, was 0 (see 'lanes bench --help')");
        assertOneLineError(CliRun.of("bench", "--keys", "-1"),
                "lanes: error: --keys must be at least 1, was -1 (see 'lanes bench --help')");
        assertOneLineError(CliRun.of("bench", "--partitions", "0"),
                "lanes: error: --partitions must be 1 to 10000, was 0 (see 'lanes bench --help')");
        assertOneLineError(CliRun.of("bench", "--sleep-ms", "0"),
                "lanes: error: --sleep-ms must be 1 to 60000, was 0 (see 'lanes bench --help')");
        assertOneLineError(CliRun.of("bench", "--sleep-records", "0"),
                "lanes: error: --sleep-records must be at least 1, was 0 (see 'lanes bench --help')");
        assertOneLineError(CliRun.of("bench", "--max-batch-size", "0"),
                "lanes: error: --max-batch-size must be at least 1, was 0 (see 'lanes bench --help')");
    }

    @Test
    void otherBadValuesAreOneLine() {
        assertOneLineError(CliRun.of("bench", "--records", "lots"), "lanes: error: Invalid value for option"
                + " '--records': 'lots' is not a long (see 'lanes bench --help')");
        assertOneLineError(CliRun.of("bench", "--timeout", "10"), "lanes: error: Invalid value for option"
                + " '--timeout': '10' is not a duration; use e.g. 500ms, 5s, 1m, 2h or PT5S (see 'lanes bench --help')");
        assertOneLineError(CliRun.of("bench", "--json", "/no/such/dir/out.json"),
                "lanes: error: --json /no/such/dir/out.json: directory /no/such/dir does not exist"
                        + " (see 'lanes bench --help')");
        assertOneLineError(CliRun.of("bench", "--bootstrap", " "),
                "lanes: error: --bootstrap must not be empty (see 'lanes bench --help')");
    }

    private static void assertOneLineError(CliRun run, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly(line);
    }
}
