package dev.lanes.cli.bench;

import dev.lanes.cli.KafkaClients;
import dev.lanes.cli.NewGroupProperties;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The yardstick of {@code lanes bench}: a {@link KafkaConsumer} with byte[] deserializers, every
 * partition assigned, {@code seekToBeginning}, {@code poll(100 ms)} and {@code records.count()}
 * until it counted every record. Runs on the command's thread (it owns the consumer).
 */
final class PlainConsumerCase {

    private final KafkaClients clients;
    private final BenchWorkload workload;

    PlainConsumerCase(KafkaClients clients, BenchWorkload workload) {
        this.clients = clients;
        this.workload = workload;
    }

    CaseRun run(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = open(clients, "plain-" + System.nanoTime(),
                workload.consumerOverrides())) {
            List<TopicPartition> partitions = partitions(topic, workload.partitions());
            long start = System.nanoTime();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            long first = 0;
            long polls = 0;
            String note = null;
            while (count < workload.records()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                polls++;
                if (!records.isEmpty() && first == 0) {
                    first = System.nanoTime();
                }
                count += records.count();
                if (System.nanoTime() - start > workload.timeout().toNanos()) {
                    note = "TIMEOUT after " + count;
                    break;
                }
            }
            long end = System.nanoTime();
            String detail = String.format(Locale.ROOT, "pollThreadCpu=%.2fs polls=%d records/poll=%d",
                    ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9, polls,
                    count / Math.max(1, polls));
            return CaseRun.of(start, first, end, count, note, detail);
        }
    }

    /** A consumer that never commits: {@code auto.offset.reset=earliest}, byte[] keys and values. */
    static KafkaConsumer<byte[], byte[]> open(KafkaClients clients, String group, Map<String, String> overrides) {
        Map<String, Object> props = NewGroupProperties.of(clients, group);
        props.putAll(overrides);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static List<TopicPartition> partitions(String topic, int count) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        return partitions;
    }
}
