package dev.lanes.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.cli.LanesProcess;
import dev.lanes.embedded.EmbeddedKafka;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes consume --metrics-port} as users run it (a child JVM) against the shared embedded
 * broker: the served page is Prometheus text, its counters agree with the journal, and the
 * backlog it shows comes to 0 once every record ended.
 */
class MetricsPortIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final int RECORDS = 600;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void servesTheConsumersMetricsAndTheirEndedCountEqualsTheJournalsOkLines(EmbeddedKafka kafka) throws Exception {
        kafka.createTopic("metrics-port", 3);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProperties())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>("metrics-port", "key-" + i % 20, "value-" + i));
            }
        }
        Path journal = dir.resolve("journal.jsonl");
        int port = freePort();

        Process process = LanesProcess.builder("consume", "--bootstrap", kafka.bootstrapServers(),
                "--topic", "metrics-port", "--group", "metered", "--ordering", "KEY", "--concurrency", "8",
                "--work-ms", "1", "--fail-rate", "0.1", "--journal", journal.toString(), "--instance", "m",
                "--metrics-port", String.valueOf(port))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("err.txt").toFile()).start();
        AtomicReference<String> page = new AtomicReference<>();
        try {
            Path err = dir.resolve("err.txt");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(ConnectException.class) // until it listens
                    .failFast("lanes consume exited", () -> !process.isAlive())
                    .untilAsserted(() -> {
                        page.set(scrape(port));
                        assertThat(sample(page.get(), "lanes_records_ended_total", "outcome=\"ok\""))
                                .as(Files.readString(err)).isEqualTo(RECORDS);
                    });
            // All ended: within about a second the backlog the consumer sees is 0.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(sample(scrape(port), "lanes_backlog", "group=\"metered\"")).isZero());
            process.destroy(); // SIGTERM: close (drain, commit, leave), then exit
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isEqualTo(143);

        String text = page.get();
        assertThat(text).contains("# HELP lanes_records_ended_total Records that ended, by tag: outcome=ok: Records")
                .contains("# TYPE lanes_handler_duration_seconds summary");
        List<JournalLine> lines = JournalLine.readAll(journal);
        long ok = lines.stream().filter(line -> line.outcome().equals("ok")).count();
        long errors = lines.stream().filter(line -> line.outcome().equals("error")).count();
        assertThat(sample(text, "lanes_records_ended_total", "outcome=\"ok\"")).as("ended ok = journal's ok lines")
                .isEqualTo(ok).isEqualTo(RECORDS);
        assertThat(sample(text, "lanes_attempts_failed_total", "group=\"metered\"")).as("= journal's error lines")
                .isEqualTo(errors).isPositive();
        assertThat(sample(text, "lanes_handler_duration_seconds_count", "instance=\"m\"")).as("one per line")
                .isEqualTo(lines.size());
        assertThat(sample(text, "lanes_records_latency_seconds_count", "group=\"metered\"")).isEqualTo(RECORDS);
        assertThat(sample(text, "lanes_concurrency_limit", "group=\"metered\"")).isEqualTo(8);
    }

    private String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    /** The value of the one sample of {@code name} whose labels contain {@code label}, from Prometheus text. */
    static double sample(String text, String name, String label) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(text);
        Double found = null;
        while (matcher.find()) {
            if (matcher.group(1).contains(label)) {
                assertThat(found).as("one sample of %s with %s", name, label).isNull();
                found = Double.parseDouble(matcher.group(2));
            }
        }
        assertThat(found).as("a sample of %s with %s in:%n%s", name, label, text).isNotNull();
        return found;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
