package dev.lanes.cli.lag;

import dev.lanes.cli.CliRun;
import org.junit.jupiter.api.Test;

/** Bad input to {@code lanes lag}: one line, exit code 2, before any connection. */
class LagCommandTest {

    private static CliRun lag(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "lag";
        all[1] = "--bootstrap";
        all[2] = "127.0.0.1:9";
        all[3] = "--group=g";
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.of(all);
    }

    @Test
    void badOptionsAreOneLine() {
        lag("--format", "xml").assertBadInput("lanes: error: Invalid value for option '--format':"
                + " 'xml' is not one of table, json, prometheus (see 'lanes lag --help')");
        lag("--interval", "50ms").assertBadInput(
                "lanes: error: --interval must be at least 100ms, was 50ms (see 'lanes lag --help')");
        lag("--serve", "70000").assertBadInput(
                "lanes: error: --serve must be 0 to 65535, was 70000 (see 'lanes lag --help')");
        lag("--listen", "0.0.0.0").assertBadInput("lanes: error: --listen needs --serve (see 'lanes lag --help')");
        lag("--topic", "").assertBadInput("lanes: error: --topic must not be empty (see 'lanes lag --help')");
        CliRun.of("lag", "--bootstrap", "127.0.0.1:9").assertBadInput(
                "lanes: error: Missing required option: '--group=G' (see 'lanes lag --help')");
    }
}
