package dev.lanes.cli.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.cli.CliRun;
import dev.lanes.embedded.EmbeddedKafka;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code lanes produce}, run in-process against the shared embedded broker. */
class ProduceCommandIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    @Test
    void writesExactlyNRecordsWhoseKeysCycleOverKKeys(EmbeddedKafka kafka) throws Exception {
        CliRun run = CliRun.of("produce", "--bootstrap", kafka.bootstrapServers(),
                "--topic", "produce-n-k", "--partitions", "4", "--count", "10000", "--keys", "7",
                "--value-bytes", "64");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).matches("produced 10000 records to produce-n-k \\(7 keys, 64-byte"
                + " values\\) in \\d+\\.\\d\\d s: \\d+ records/s, \\d+\\.\\d MB/s\\R");
        assertThat(partitionCount(kafka, "produce-n-k")).isEqualTo(4);
        assertThat(endOffsetSum(kafka, "produce-n-k")).isEqualTo(10_000);

        List<ConsumerRecord<String, byte[]>> records = readAll(kafka, "produce-n-k", 10_000);
        Map<String, Long> perKey = records.stream().collect(
                Collectors.groupingBy(ConsumerRecord::key, TreeMap::new, Collectors.counting()));
        // 10000 = 7 * 1428 + 4: key-0 to key-3 get one record more.
        assertThat(perKey).containsExactlyInAnyOrderEntriesOf(Map.of(
                "key-0", 1429L, "key-1", 1429L, "key-2", 1429L, "key-3", 1429L,
                "key-4", 1428L, "key-5", 1428L, "key-6", 1428L));
        assertThat(records).allSatisfy(r -> assertThat(r.value()).hasSize(64));
    }

    @Test
    void anExistingTopicIsUsedAsItIs(EmbeddedKafka kafka) throws Exception {
        kafka.createTopic("produce-existing", 2);

        CliRun run = CliRun.of("produce", "--bootstrap", kafka.bootstrapServers(),
                "--topic", "produce-existing", "--partitions", "5", "--count", "100");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.errLines()).containsExactly("lanes: note: topic produce-existing exists"
                + " with 2 partitions; --partitions 5 ignored");
        assertThat(partitionCount(kafka, "produce-existing")).isEqualTo(2);
        assertThat(endOffsetSum(kafka, "produce-existing")).isEqualTo(100);
    }

    private static int partitionCount(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        }
    }

    private static long endOffsetSum(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitionCount(kafka, topic); p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(EmbeddedKafka kafka, String topic,
                                                                int expected) {
        Map<String, Object> props = kafka.adminProperties();
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props,
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        assertThat(records).hasSize(expected);
        return records;
    }
}
