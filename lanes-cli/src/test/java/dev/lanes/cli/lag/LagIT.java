package dev.lanes.cli.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.cli.CliRun;
import dev.lanes.cli.LanesProcess;
import dev.lanes.cli.TopicContents;
import dev.lanes.embedded.EmbeddedKafka;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes lag} against a real broker and a real {@code lanes consume}: with a key that never
 * ends, the backlog is the records the journal has not seen end, while Kafka's lag counts the
 * finished records above the stuck one; the three formats and the two served pages agree; the
 * KEDA example of docs/AUTOSCALING.md reads the backlog from {@code /lag}. After a clean run the
 * backlog is 0, and with metadata Lanes did not write it is Kafka's lag, flagged.
 */
class LagIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PROMETHEUS_LINE = Pattern.compile(
            "(lanes_lag_[a-z_]+_records)\\{group=\"([^\"]+)\"(?:,partition=\"(\\d+)\",topic=\"([^\"]+)\")?} (\\S+)");

    @TempDir
    Path dir;

    @Test
    void aStuckKeyIsTheBacklogWhileKafkasLagCountsTheFinishedRecordsAboveIt(EmbeddedKafka kafka) throws Exception {
        String topic = "lag-stuck";
        produce(kafka, topic, 3, 3000, 30);
        Path journal = dir.resolve("stuck.jsonl");
        // key-7's records (100, in one partition) fail every attempt, retried forever: they never end.
        Process consume = LanesProcess.builder("consume", "--bootstrap", kafka.bootstrapServers(), "--topic", topic,
                        "--group", topic, "--ordering", "KEY", "--concurrency", "16", "--fail-keys", "key-7",
                        "--journal", journal.toString(), "--instance", "a")
                .redirectOutput(dir.resolve("consume.out").toFile()).redirectError(dir.resolve("consume.err").toFile())
                .start();
        Process serve = null;
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .alias("2900 ok lines in the journal; consume's stderr: " + dir.resolve("consume.err"))
                    .until(() -> endedFromJournal(journal).size() == 2900);
            Map<TopicPartition, Long> notEnded = notEnded(kafka, topic, endedFromJournal(journal));
            long expected = notEnded.values().stream().mapToLong(Long::longValue).sum();
            assertThat(expected).isEqualTo(100);
            // The last ended records reach the backlog with the next commit (every second); until
            // the group's first commit, lanes lag reports that it has none (exit 1).
            JsonNode json = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                    .ignoreExceptionsInstanceOf(AssertionError.class)
                    .until(() -> lagJson(kafka, topic), j -> j.get("totalBacklog").asLong() == expected);

            assertThat(json.get("group").asText()).isEqualTo(topic);
            assertThat(json.get("partitions")).hasSize(3);
            Map<TopicPartition, Long> ends = TopicContents.ends(kafka, topic);
            Map<TopicPartition, Long> committed = TopicContents.committed(kafka, topic);
            long kafkaLag = 0;
            for (JsonNode p : json.get("partitions")) {
                TopicPartition partition = new TopicPartition(p.get("topic").asText(), p.get("partition").asInt());
                long lag = ends.get(partition) - committed.get(partition);
                kafkaLag += lag;
                assertThat(p.get("kafkaLag").asLong()).as("Kafka's lag of %s", partition).isEqualTo(lag);
                assertThat(p.get("backlog").asLong()).as("backlog of %s", partition)
                        .isEqualTo(notEnded.getOrDefault(partition, 0L))
                        .isEqualTo(lag - p.get("endedAboveCommitted").asLong());
                assertThat(p.get("metadata").asText()).isIn("lanes", "none");
            }
            assertThat(json.get("totalKafkaLag").asLong()).isEqualTo(kafkaLag).isGreaterThan(5 * expected);

            assertTableAgrees(lag(kafka, topic, "--format", "table"), json);
            assertPrometheusAgrees(lag(kafka, topic, "--format", "prometheus"), json);

            serve = LanesProcess.builder("lag", "--bootstrap", kafka.bootstrapServers(), "--group", topic,
                    "--serve", "0", "--interval", "200ms").redirectError(dir.resolve("serve.err").toFile()).start();
            String base = servedBase(serve);
            String served = get(base + "/lag");
            assertThat(JSON.readTree(served)).isEqualTo(json);
            assertPrometheusAgrees(get(base + "/metrics"), json);
            // The documented KEDA trigger reads the backlog.
            assertThat(evaluateGjsonPath(JSON.readTree(served), documented("valueLocation"))).isEqualTo(expected);
            assertThat(documented("url")).endsWith("/lag");
            assertThat(documented("query")).contains("lanes_lag_group_backlog_records");
        } finally {
            consume.destroyForcibly();
            if (serve != null) {
                serve.destroyForcibly();
            }
            consume.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void afterACleanRunTheBacklogIs0AndForeignMetadataLeavesKafkasLagFlagged(EmbeddedKafka kafka) throws Exception {
        String topic = "lag-clean";
        produce(kafka, topic, 2, 400, 20);
        LanesProcess.Finished run = LanesProcess.run(60, "consume", "--bootstrap", kafka.bootstrapServers(),
                "--topic", topic, "--group", topic, "--ordering", "KEY", "--concurrency", "8",
                "--exit-when-idle", "1s");
        assertThat(run.exitCode()).as(run.err()).isZero();

        JsonNode clean = lagJson(kafka, topic);
        assertThat(clean.get("totalBacklog").asLong()).isZero();
        assertThat(clean.get("totalKafkaLag").asLong()).isZero();
        assertThat(clean.get("partitions").findValuesAsText("metadata")).containsOnly("none");

        Map<TopicPartition, Long> ends = TopicContents.ends(kafka, topic);
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            admin.alterConsumerGroupOffsets(topic, Map.of(
                    new TopicPartition(topic, 0), new OffsetAndMetadata(50, "my-app:v1"),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(60, "lanes:not-base64!"))).all()
                    .get(10, TimeUnit.SECONDS);
        }

        JsonNode foreign = lagJson(kafka, topic);
        JsonNode p0 = foreign.get("partitions").get(0);
        JsonNode p1 = foreign.get("partitions").get(1);
        assertThat(p0.get("metadata").asText()).isEqualTo("foreign");
        assertThat(p0.get("backlog").asLong()).isEqualTo(p0.get("kafkaLag").asLong())
                .isEqualTo(ends.get(new TopicPartition(topic, 0)) - 50);
        assertThat(p1.get("metadata").asText()).isEqualTo("unreadable");
        assertThat(p1.get("backlog").asLong()).isEqualTo(ends.get(new TopicPartition(topic, 1)) - 60);
        assertThat(foreign.get("totalBacklog").asLong()).isEqualTo(foreign.get("totalKafkaLag").asLong());
        assertThat(lag(kafka, topic, "--format", "table")).contains(
                topic + "-0: backlog is Kafka's lag: metadata not written by Lanes (no \"lanes:\" prefix): \"my-app:v1\"",
                topic + "-1: backlog is Kafka's lag: unreadable Lanes metadata");
    }

    @Test
    void anUnknownGroupTopicOrBrokerIsOneLine(EmbeddedKafka kafka) throws Exception {
        produce(kafka, "lag-errors", 1, 10, 1);
        String bootstrap = kafka.bootstrapServers();

        assertOneLine(CliRun.of("lag", "--bootstrap", bootstrap, "--group", "no-such-group"),
                "lanes: error: group no-such-group has no committed offsets on " + bootstrap
                        + "; is the group name right? (Kafka's groups: kafka-consumer-groups.sh --list)");
        assertOneLine(CliRun.of("lag", "--bootstrap", bootstrap, "--group", "g", "--topic", "no-such-topic"),
                "lanes: error: topic no-such-topic does not exist on " + bootstrap);
        assertOneLine(CliRun.of("lag", "--bootstrap", "127.0.0.1:9", "--group", "g"),
                "lanes: error: cannot reach Kafka at 127.0.0.1:9 within 5 s; is a broker running there?"
                        + " (start one with: ./lanes broker)");
    }

    private static void assertOneLine(CliRun run, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly(line);
    }

    private static void produce(EmbeddedKafka kafka, String topic, int partitions, int count, int keys) {
        CliRun run = CliRun.of("produce", "--bootstrap", kafka.bootstrapServers(), "--topic", topic,
                "--partitions", String.valueOf(partitions), "--count", String.valueOf(count),
                "--keys", String.valueOf(keys), "--value-bytes", "16");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static String lag(EmbeddedKafka kafka, String group, String... more) {
        String[] args = new String[5 + more.length];
        System.arraycopy(new String[] {"lag", "--bootstrap", kafka.bootstrapServers(), "--group", group}, 0, args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        return run.out();
    }

    private static JsonNode lagJson(EmbeddedKafka kafka, String group) throws Exception {
        String out = lag(kafka, group, "--format", "json");
        assertThat(out.lines()).hasSize(1);
        return JSON.readTree(out);
    }

    /** (partition, offset) of every record the journal saw end. */
    private static Set<String> endedFromJournal(Path journal) throws Exception {
        Set<String> ended = new HashSet<>();
        if (!Files.exists(journal)) {
            return ended;
        }
        String text = Files.readString(journal);
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            if (!line.isEmpty()) {
                JsonNode node = JSON.readTree(line);
                if (node.get("outcome").asText().equals("ok")) {
                    ended.add(node.get("partition").asInt() + "@" + node.get("offset").asLong());
                }
            }
        }
        return ended;
    }

    /** Per partition, the records produced that the journal has not seen end. */
    private static Map<TopicPartition, Long> notEnded(EmbeddedKafka kafka, String topic, Set<String> ended)
            throws Exception {
        Map<TopicPartition, Long> notEnded = new HashMap<>();
        TopicContents.ends(kafka, topic).forEach((partition, end) -> {
            long count = 0;
            for (long offset = 0; offset < end; offset++) {
                if (!ended.contains(partition.partition() + "@" + offset)) {
                    count++;
                }
            }
            notEnded.put(partition, count);
        });
        return notEnded;
    }

    private static void assertTableAgrees(String table, JsonNode json) {
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).startsWith("TOPIC");
        JsonNode partitions = json.get("partitions");
        for (int i = 0; i < partitions.size(); i++) {
            JsonNode p = partitions.get(i);
            assertThat(lines.get(i + 1).split("\\s+")).containsExactly(p.get("topic").asText(),
                    p.get("partition").asText(), p.get("endOffset").asText(), p.get("committedOffset").asText(),
                    p.get("kafkaLag").asText(), p.get("endedAboveCommitted").asText(), p.get("backlog").asText(),
                    p.get("metadata").asText());
        }
        assertThat(lines.get(partitions.size() + 1)).isEqualTo("group " + json.get("group").asText()
                + ": Kafka lag " + json.get("totalKafkaLag").asLong() + ", backlog " + json.get("totalBacklog").asLong());
    }

    private static void assertPrometheusAgrees(String text, JsonNode json) {
        Map<String, Double> values = new HashMap<>();
        for (String line : text.lines().toList()) {
            Matcher m = PROMETHEUS_LINE.matcher(line);
            if (m.matches()) {
                assertThat(m.group(2)).isEqualTo(json.get("group").asText());
                values.put(m.group(1) + (m.group(3) == null ? "" : "/" + m.group(4) + "-" + m.group(3)),
                        Double.parseDouble(m.group(5)));
            }
        }
        Map<String, Double> expected = new HashMap<>();
        expected.put("lanes_lag_group_backlog_records", json.get("totalBacklog").asDouble());
        expected.put("lanes_lag_group_kafka_lag_records", json.get("totalKafkaLag").asDouble());
        for (JsonNode p : json.get("partitions")) {
            String partition = "/" + p.get("topic").asText() + "-" + p.get("partition").asText();
            expected.put("lanes_lag_backlog_records" + partition, p.get("backlog").asDouble());
            expected.put("lanes_lag_kafka_lag_records" + partition, p.get("kafkaLag").asDouble());
            expected.put("lanes_lag_ended_above_committed_records" + partition, p.get("endedAboveCommitted").asDouble());
        }
        assertThat(values).isEqualTo(expected);
    }

    /** Reads {@code lanes lag --serve}'s first line, {@code serving http://HOST:PORT/metrics and …}. */
    private static String servedBase(Process serve) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("first line of lag --serve").isNotNull();
        Matcher m = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+)/metrics and \\1/lag \\(group .*").matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        return m.group(1);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** A field of the metrics-api ScaledObject in docs/AUTOSCALING.md (or the Prometheus one's query). */
    private static String documented(String field) throws Exception {
        Path doc = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/AUTOSCALING.md");
        Matcher m = Pattern.compile("(?m)^\\s+" + field + ": ['\"](.+)['\"]\\s*(#.*)?$").matcher(Files.readString(doc));
        assertThat(m.find()).as("%s in %s", field, doc).isTrue();
        return m.group(1);
    }

    /** KEDA's valueLocation is a GJSON path; the documented one uses only its dotted-field subset. */
    private static long evaluateGjsonPath(JsonNode json, String path) {
        assertThat(path).as("a dotted path of field names").matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
        JsonNode node = json;
        for (String field : path.split("\\.")) {
            node = node.get(field);
            assertThat(node).as("%s in %s", field, json).isNotNull();
        }
        assertThat(node.isNumber()).as(path + " is a number").isTrue();
        return node.asLong();
    }
}
