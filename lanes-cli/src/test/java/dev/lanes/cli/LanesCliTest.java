package dev.lanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command's help, version and bad-input handling, in-process and without a broker. */
class LanesCliTest {

    @Test
    void helpListsTheSubcommands() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: lanes").contains("broker", "produce", "consume");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void versionNamesLanesKafkaAndJava() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).matches("lanes \\d+\\.\\d+\\.\\d+\\S* \\(Kafka 4\\.4\\.0, Java .+\\)");
    }

    @Test
    void withoutASubcommandTheUsageGoesToStderr() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Usage: lanes");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownOptionIsOneLine() {
        assertOneLineError(CliRun.of("--bogus"), 2,
                "lanes: error: Unknown option: '--bogus' (see 'lanes --help')");
        assertOneLineError(CliRun.of("produce", "--bootstrap", "127.0.0.1:9", "--topic", "t",
                        "--count", "1", "--bogus"), 2,
                "lanes: error: Unknown option: '--bogus' (see 'lanes produce --help')");
    }

    @Test
    void countMustBePositive() {
        assertOneLineError(produce("--count", "-5"), 2,
                "lanes: error: --count must be at least 1, was -5 (see 'lanes produce --help')");
        assertOneLineError(produce("--count", "0"), 2,
                "lanes: error: --count must be at least 1, was 0 (see 'lanes produce --help')");
    }

    @Test
    void otherBadValuesAreOneLine() {
        assertOneLineError(produce("--count", "many"), 2, "lanes: error: Invalid value for option"
                + " '--count': 'many' is not a long (see 'lanes produce --help')");
        assertOneLineError(produce("--count", "10", "--keys", "0"), 2,
                "lanes: error: --keys must be at least 1, was 0 (see 'lanes produce --help')");
        assertOneLineError(produce("--count", "10", "--value-bytes", "-1"), 2,
                "lanes: error: --value-bytes must be at least 0, was -1 (see 'lanes produce --help')");
        assertOneLineError(CliRun.of("broker", "--nodes", "2"), 2,
                "lanes: error: --nodes must be 1 or 3, was 2 (see 'lanes broker --help')");
        assertOneLineError(CliRun.of("broker", "--nodes", "3", "--port", "65534"), 2,
                "lanes: error: --port must be 0 to 65533, was 65534 (see 'lanes broker --help')");
    }

    @Test
    void missingRequiredOptionsAreOneLine() {
        CliRun run = CliRun.of("produce", "--topic", "t");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("lanes: error: Missing required options: ")
                .contains("--bootstrap", "--count");
    }

    @Test
    void unparsableBootstrapIsOneLineAtRunTime() {
        CliRun run = CliRun.of("produce", "--bootstrap", "nowhere", "--topic", "t", "--count", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("lanes: error: invalid --bootstrap 'nowhere': ")
                .doesNotContain("Exception");
    }

    @Test
    void badConsumeValuesAreOneLineBeforeAnyConnection() {
        // 127.0.0.1:9 answers nothing: each of these fails before connecting, at once.
        assertOneLineError(consume("--ordering", "SOMETIMES", "--concurrency", "4"), 2,
                "lanes: error: Invalid value for option '--ordering': expected one of [PARTITION, KEY,"
                        + " UNORDERED] (case-sensitive) but was 'SOMETIMES' (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "0"), 2,
                "lanes: error: --concurrency must be 1 to 1000000, was 0 (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--fail-rate", "1.5"), 2,
                "lanes: error: --fail-rate must be 0 to 1, was 1.5 (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--fail-rate", "NaN"), 2,
                "lanes: error: --fail-rate must be 0 to 1, was NaN (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--work-ms", "-1"), 2,
                "lanes: error: --work-ms must be at least 0, was -1 (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--max-attempts", "-1"), 2,
                "lanes: error: --max-attempts must be 0 to 1000000, was -1 (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--exit-when-idle", "5"), 2,
                "lanes: error: Invalid value for option '--exit-when-idle': '5' is not a duration;"
                        + " use e.g. 500ms, 5s, 1m, 2h or PT5S (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--exit-when-idle", "0s"), 2,
                "lanes: error: --exit-when-idle must be positive, was PT0S (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--bogus"), 2,
                "lanes: error: Unknown option: '--bogus' (see 'lanes consume --help')");
    }

    @Test
    void badFailureOptionsAreOneLineBeforeAnyConnection() {
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--on-exhausted", "retry"), 2,
                "lanes: error: Invalid value for option '--on-exhausted': 'retry' is not one of stop, skip,"
                        + " dead-letter (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--on-exhausted", "dead-letter"), 2,
                "lanes: error: --on-exhausted dead-letter needs --dlt TOPIC, the dead-letter topic"
                        + " (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--dlt", "dead", "--on-exhausted",
                        "skip"), 2, "lanes: error: --dlt dead-letters exhausted records; it cannot go with"
                        + " --on-exhausted skip (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--dlt", " "), 2,
                "lanes: error: --dlt must not be empty (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--dlt", "t"), 2,
                "lanes: error: --dlt must not be the consumed topic t (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--handler-timeout", "2d"), 2,
                "lanes: error: Invalid value for option '--handler-timeout': '2d' is not a duration;"
                        + " use e.g. 500ms, 5s, 1m, 2h or PT5S (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--handler-timeout", "25h"), 2,
                "lanes: error: --handler-timeout must be 0s to 1d, was 25h (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--fail-keys", "key-1,,key-2"), 2,
                "lanes: error: --fail-keys must list keys separated by commas, without empty ones"
                        + " (see 'lanes consume --help')");
        assertOneLineError(consume("--ordering", "KEY", "--concurrency", "4", "--value-format", "xml"), 2,
                "lanes: error: Invalid value for option '--value-format': 'xml' is not one of string, json"
                        + " (see 'lanes consume --help')");
    }

    @Test
    void badProduceValueOptionsAreOneLine() {
        assertOneLineError(produce("--count", "10", "--value-format", "avro"), 2,
                "lanes: error: Invalid value for option '--value-format': 'avro' is not one of text, json"
                        + " (see 'lanes produce --help')");
        assertOneLineError(produce("--count", "10", "--bad-every", "5"), 2,
                "lanes: error: --bad-every needs --value-format json (text values are not JSON anyway)"
                        + " (see 'lanes produce --help')");
        assertOneLineError(produce("--count", "10", "--value-format", "json", "--bad-every", "0"), 2,
                "lanes: error: --bad-every must be at least 1, was 0 (see 'lanes produce --help')");
    }

    @Test
    void badDltReplayOptionsAreOneLine() {
        assertOneLineError(CliRun.of("dlt", "replay", "--bootstrap", "127.0.0.1:9", "--topic", "d", "--limit", "0"),
                2, "lanes: error: --limit must be at least 1, was 0 (see 'lanes dlt replay --help')");
        assertOneLineError(CliRun.of("dlt", "replay", "--bootstrap", "127.0.0.1:9", "--topic", "d", "--to", "d"),
                2, "lanes: error: --to must not be the dead-letter topic itself (see 'lanes dlt replay --help')");
        assertOneLineError(CliRun.of("dlt", "replay", "--bootstrap", "127.0.0.1:9", "--topic", "d", "--to", ""),
                2, "lanes: error: --to must not be empty (see 'lanes dlt replay --help')");
        assertOneLineError(CliRun.of("dlt", "replay", "--bootstrap", "127.0.0.1:9", "--topic", "d", "--bogus"),
                2, "lanes: error: Unknown option: '--bogus' (see 'lanes dlt replay --help')");
        CliRun missing = CliRun.of("dlt", "replay", "--topic", "d");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).singleElement().asString()
                .startsWith("lanes: error: Missing required option: '--bootstrap=B'");
        CliRun bare = CliRun.of("dlt");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err()).startsWith("Usage: lanes dlt").contains("replay");
    }

    @Test
    void consumeHelpNamesTheFailureOptions() {
        CliRun run = CliRun.of("consume", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--fail-keys", "--hang-keys", "--value-format", "--handler-timeout",
                "--on-exhausted", "stop|skip|dead-letter", "--dlt");
    }

    @Test
    void consumeNamesItsMissingRequiredOptions() {
        CliRun run = CliRun.of("consume", "--bootstrap", "127.0.0.1:9", "--topic", "t");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("lanes: error: Missing required options: ")
                .contains("--group", "--ordering", "--concurrency");
    }

    private static CliRun consume(String... options) {
        String[] args = new String[options.length + 7];
        System.arraycopy(new String[] {"consume", "--bootstrap", "127.0.0.1:9", "--topic", "t",
            "--group", "g"}, 0, args, 0, 7);
        System.arraycopy(options, 0, args, 7, options.length);
        return CliRun.of(args);
    }

    private static CliRun produce(String... options) {
        String[] args = new String[options.length + 5];
        System.arraycopy(new String[] {"produce", "--bootstrap", "127.0.0.1:9", "--topic", "t"},
                0, args, 0, 5);
        System.arraycopy(options, 0, args, 5, options.length);
        return CliRun.of(args);
    }

    private static void assertOneLineError(CliRun run, int exitCode, String line) {
        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.errLines()).containsExactly(line);
        assertThat(run.out()).isEmpty();
    }
}
