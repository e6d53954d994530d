package dev.lanes.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.embedded.EmbeddedKafkaExtension;
import dev.lanes.testkit.GuaranteeChecker;
import dev.lanes.testkit.Invocation;
import dev.lanes.testkit.LaneOrder;
import dev.lanes.testkit.RecordId;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example application as a user runs it: its executable jar, in its own JVM, pointed at a real
 * broker with {@code --spring.kafka.bootstrap-servers}, on a topic that already holds records. Every
 * record is handled, in order per key; {@code /actuator/health} shows {@code lanes} UP and
 * {@code /actuator/metrics} the listener's meters; SIGTERM
 * drains, commits every offset and exits. Commits are made rare ({@code lanes.commit-interval=1h}) so
 * that the committed offsets at the end are those of the shutdown.
 */
class SpringOrdersIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final String TOPIC = "spring-orders";
    private static final String GROUP = "spring-orders-app";
    private static final int RECORDS = 3_000;
    private static final int KEYS = 100;

    @TempDir
    Path dir;
    private Process app;

    @AfterEach
    void stopApp() {
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
        }
    }

    @Test
    void handlesEveryRecordInKeyOrderShowsHealthAndDrainsOnSigterm() throws Exception {
        long begin = System.nanoTime();
        List<RecordId> produced = produce();
        phase(begin, "broker up, records produced");
        Path journal = dir.resolve("handled.tsv");
        Path log = dir.resolve("app.log");
        int port = freePort();
        // C1 only: the application starts in about half the time on a busy 2-core machine.
        app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar", System.getProperty("example.jar"),
                "--spring.kafka.bootstrap-servers=" + KAFKA.bootstrapServers(),
                "--spring.kafka.consumer.group-id=" + GROUP, "--orders.topic=" + TOPIC,
                "--orders.journal=" + journal, "--server.port=" + port, "--lanes.commit-interval=1h")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .failFast("the application exited; its log: " + log, () -> !app.isAlive())
                .until(() -> handled(journal).stream().map(Invocation::id).distinct().count() == RECORDS);
        phase(begin, "application started, every record handled");

        JsonNode health = JsonMapper.builder().build().readTree(get(port, "/actuator/health"));
        // No health setting in the application: the starter makes Boot list the components.
        assertThat(health.at("/components/lanes/status")).as("lanes in %s", health).hasToString("\"UP\"");
        assertThat(health.at("/components/lanes/components/orders/status"))
                .as("the orders listener in %s", health).hasToString("\"UP\"");
        assertThat(health.at("/components/lanes/components/orders/details")).as("details stay hidden").isEmpty();
        JsonNode ended = JsonMapper.builder().build().readTree(
                get(port, "/actuator/metrics/lanes.records.ended?tag=listener:orders&tag=outcome:ok"));
        assertThat(ended.at("/measurements/0/value").asDouble()).as("lanes.records.ended in %s", ended)
                .isEqualTo(RECORDS);
        assertThat(committed()).as("nothing committed before shutdown (commit interval 1h)")
                .isNotEqualTo(endOffsets());

        app.destroy();   // SIGTERM
        assertThat(app.waitFor(40, TimeUnit.SECONDS)).as("exited within 40 s of SIGTERM").isTrue();
        phase(begin, "exited after SIGTERM");
        assertThat(app.exitValue()).as("exit code after SIGTERM; log: " + log).isEqualTo(143);
        assertThat(Files.readString(log)).contains("Lanes listeners closed: orders");
        assertThat(committed()).as("committed offsets after shutdown").isEqualTo(endOffsets());

        GuaranteeChecker.of(handled(journal)).assertAtLeastOnce(produced).assertLaneOrder(LaneOrder.KEY);
    }

    /** Where the time goes, in the test's output: the IT should stay under about 40 s. */
    private static void phase(long begin, String what) {
        System.out.printf("SpringOrdersIT: %s after %.1f s%n", what, (System.nanoTime() - begin) / 1e9);
    }

    private static List<RecordId> produce() throws Exception {
        KAFKA.kafka().createTopic(TOPIC, 4);
        List<RecordId> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KAFKA.kafka().producerProperties())) {
            List<java.util.concurrent.Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                sends.add(producer.send(new ProducerRecord<>(TOPIC, "key-" + (i % KEYS), "order-" + i)));
            }
            for (var send : sends) {
                RecordMetadata sent = send.get();
                ids.add(new RecordId(sent.topic(), sent.partition(), sent.offset()));
            }
        }
        return ids;
    }

    private static List<Invocation> handled(Path journal) throws IOException {
        if (!Files.exists(journal)) {
            return List.of();
        }
        return Files.readAllLines(journal).stream().map(Invocation::parse).toList();
    }

    private Map<TopicPartition, Long> committed() throws Exception {
        try (Admin admin = Admin.create(KAFKA.kafka().adminProperties())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(entry -> entry.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = Admin.create(KAFKA.kafka().adminProperties())) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int partition = 0; partition < 4; partition++) {
                request.put(new TopicPartition(TOPIC, partition), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all().get();
            return ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
