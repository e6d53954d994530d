package dev.lanes.cli.bench;

import dev.lanes.cli.KafkaClients;
import dev.lanes.cli.BrokerConnection;
import dev.lanes.cli.CliException;
import dev.lanes.cli.FreshTopic;
import dev.lanes.cli.PartitionEnds;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The topic of one {@code lanes bench} run: creates it ({@link FreshTopic}), produces the
 * records (keys {@code key-0} … cycling, values of {@code 'x'}), and checks that the end offsets
 * add up to the record count. Runs on the command's thread.
 */
final class BenchTopic {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final BenchWorkload workload;
    private final Consumer<String> log;

    BenchTopic(KafkaClients clients, BenchWorkload workload, Consumer<String> log) {
        this.clients = clients;
        this.workload = workload;
        this.log = log;
    }

    /** @return the end offset of each partition, by partition number */
    long[] create(String topic) throws InterruptedException {
        try (Admin admin = BrokerConnection.open(clients)) {
            FreshTopic.create(admin, topic, workload.partitions(), TIMEOUT);
            long start = System.nanoTime();
            produce(topic);
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] ends = PartitionEnds.of(admin, topic, workload.partitions(), TIMEOUT);
            long total = Arrays.stream(ends).sum();
            log.accept(String.format(java.util.Locale.ROOT, "produced %,d records of %d B (%d keys) to %s"
                            + " (%d partitions) in %.1f s; end offsets sum %,d", workload.records(),
                    workload.valueBytes(), workload.keys(), topic, workload.partitions(), seconds, total));
            if (total != workload.records()) {
                throw new CliException("expected " + workload.records() + " records in " + topic
                        + ", it holds " + total + " (is another producer writing to it?)");
            }
            return ends;
        }
    }

    private void produce(String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 32L << 20); // fits a -Xmx256m run
        byte[][] keys = new byte[workload.keys()][];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = ("key-" + k).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        byte[] value = new byte[workload.valueBytes()];
        Arrays.fill(value, (byte) 'x');
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.properties(props), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < workload.records(); i++) {
                producer.send(new ProducerRecord<>(topic, keys[(int) (i % keys.length)], value));
            }
            producer.flush();
        }
    }
}
