package dev.lanes.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.cli.CliRun;
import dev.lanes.cli.LanesProcess;
import dev.lanes.embedded.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes consume} when its broker goes away mid-run: the progress line shows the failed
 * commits, and SIGTERM says what the close waits for before it waits. Its own broker (it is
 * stopped), so not the shared one.
 */
class BrokerLostIT {

    @TempDir
    Path dir;

    @Test
    void failedCommitsShowInProgressAndSummaryAndStoppingSaysWhatItWaitsFor() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().nodes(1).start()) {
            assertThat(CliRun.of("produce", "--bootstrap", kafka.bootstrapServers(), "--topic", "lost",
                    "--partitions", "2", "--count", "20000").exitCode()).isZero();
            Path err = dir.resolve("consume.err");
            Path out = dir.resolve("consume.out");
            Process consume = LanesProcess.builder("consume", "--bootstrap", kafka.bootstrapServers(),
                            "--topic", "lost", "--group", "lost", "--ordering", "KEY", "--concurrency", "4",
                            "--work-ms", "5", "--property", "request.timeout.ms=2000",
                            "--property", "default.api.timeout.ms=3000")
                    .redirectError(err.toFile()).redirectOutput(out.toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(err).contains("ended"));
                kafka.crash(0);

                await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(err)
                        .matches("(?s).*commits \\d+ \\(\\d+ failed\\).*"));
                consume.destroy();
                assertThat(consume.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                consume.destroyForcibly();
            }
            assertThat(Files.readString(err)).contains("lanes consume: stopping: waiting up to 30 s for ");
            assertThat(Files.readString(out)).matches("(?s)consumed \\d+ records .* \\d+ commits \\(\\d+ failed\\)\\R");
        }
    }
}
