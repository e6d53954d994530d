package dev.lanes.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.cli.CliRun;
import org.junit.jupiter.api.Test;

/** {@code lanes demo}'s option checks, in-process: each bad value is one line, exit code 2, before any broker. */
class DemoCommandTest {

    private static final String KNOWN = "sequential,group-20,thread-per-partition,lanes-partition-20,lanes-key-20,"
            + "lanes-unordered-20,lanes-unordered-50,lanes-unordered-50-4p,lanes-key-1000,lanes-unordered-1000";

    @Test
    void helpListsDemoAndItsOptions() {
        assertThat(CliRun.of("--help").out()).contains("demo");
        CliRun run = CliRun.of("demo", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: lanes demo").contains("--events", "--keys", "--work-ms",
                "--work-sigma", "--seed", "--partitions", "--few-partitions", "--high-concurrency",
                "--sequential-sample", "--strategies", "--html", "--no-html", "--json", "--timeout", "--bootstrap");
    }

    @Test
    void unknownStrategyNamesTheKnownOnes() {
        CliRun.of("demo", "--strategies", "sequential,lanes-turbo").assertBadInput(
                "lanes: error: --strategies: unknown strategy 'lanes-turbo'; known: " + KNOWN
                        + " (see 'lanes demo --help')");
        // The names follow the options they depend on.
        assertThat(CliRun.of("demo", "--high-concurrency", "500", "--few-partitions", "2", "--strategies", "x")
                .err()).contains("lanes-unordered-50-2p,lanes-key-500,lanes-unordered-500");
    }

    @Test
    void outOfRangeValuesAreOneLine() {
        CliRun.of("demo", "--events", "0").assertBadInput(
                "lanes: error: --events must be 1 to 10000000, was 0 (see 'lanes demo --help')");
        CliRun.of("demo", "--keys", "0").assertBadInput(
                "lanes: error: --keys must be 1 to 10000000, was 0 (see 'lanes demo --help')");
        CliRun.of("demo", "--work-ms", "0").assertBadInput(
                "lanes: error: --work-ms must be more than 0 and at most 60000, was 0.0 (see 'lanes demo --help')");
        CliRun.of("demo", "--work-ms", "NaN").assertBadInput(
                "lanes: error: --work-ms must be more than 0 and at most 60000, was NaN (see 'lanes demo --help')");
        CliRun.of("demo", "--work-sigma", "-0.1").assertBadInput(
                "lanes: error: --work-sigma must be 0 to 3, was -0.1 (see 'lanes demo --help')");
        CliRun.of("demo", "--partitions", "0").assertBadInput(
                "lanes: error: --partitions must be 1 to 10000, was 0 (see 'lanes demo --help')");
        CliRun.of("demo", "--high-concurrency", "0").assertBadInput(
                "lanes: error: --high-concurrency must be 1 to 100000, was 0 (see 'lanes demo --help')");
        CliRun.of("demo", "--sequential-sample", "0").assertBadInput(
                "lanes: error: --sequential-sample must be at least 1, was 0 (see 'lanes demo --help')");
        CliRun.of("demo", "--timeout", "0s").assertBadInput(
                "lanes: error: --timeout must be positive and at most 24h, was PT0S (see 'lanes demo --help')");
        CliRun.of("demo", "--timeout", "25h").assertBadInput(
                "lanes: error: --timeout must be positive and at most 24h, was PT25H (see 'lanes demo --help')");
        CliRun.of("demo", "--high-concurrency", "50").assertBadInput("lanes: error: --high-concurrency must not be"
                + " 20 or 50: rows at those concurrencies exist already, was 50 (see 'lanes demo --help')");
    }

    @Test
    void badFilesAndAddressesAreOneLine() {
        CliRun.of("demo", "--html", "/no/such/dir/demo.html").assertBadInput(
                "lanes: error: --html /no/such/dir/demo.html: directory /no/such/dir does not exist"
                        + " (see 'lanes demo --help')");
        CliRun.of("demo", "--json", "/no/such/dir/demo.json").assertBadInput(
                "lanes: error: --json /no/such/dir/demo.json: directory /no/such/dir does not exist"
                        + " (see 'lanes demo --help')");
        CliRun.of("demo", "--html", "/tmp").assertBadInput(
                "lanes: error: --html /tmp is a directory; name a file (see 'lanes demo --help')");
        CliRun.of("demo", "--bootstrap", "").assertBadInput(
                "lanes: error: --bootstrap must not be empty (see 'lanes demo --help')");
        CliRun.of("demo", "--events", "many").assertBadInput(
                "lanes: error: Invalid value for option '--events': 'many' is not an int (see 'lanes demo --help')");
    }
}
