package dev.lanes.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.cli.CliRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code lanes consume --metrics-port}: bad ports, found before anything talks to Kafka. */
class MetricsPortTest {

    private static CliRun consume(String port) {
        // No broker listens on port 1: these runs must fail before they try to reach it.
        return CliRun.of("consume", "--bootstrap", "127.0.0.1:1", "--topic", "t", "--group", "g", "--ordering", "KEY",
                "--concurrency", "4", "--metrics-port", port);
    }

    @Test
    void aPortInUseIsOneClearLineAndAFailure() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            CliRun run = consume(String.valueOf(port));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).isEmpty();
            assertThat(run.errLines()).singleElement().asString()
                    .startsWith("lanes: error: cannot serve on 127.0.0.1:" + port + ": the port is in use");
        }
    }

    @Test
    void aPortOutOfRangeIsBadInput() {
        consume("70000").assertBadInput(
                "lanes: error: --metrics-port must be 1 to 65535, was 70000 (see 'lanes consume --help')");
    }
}
