package dev.lanes.cli.demo;

import dev.lanes.cli.KafkaClients;
import dev.lanes.cli.NewGroupProperties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The running consumers of one {@code lanes demo} strategy: they join the strategy's group when
 * started, hand every record to the {@link DemoProbe}, and leave the group when closed. Created,
 * started and closed by the command's thread; the consumers run on their own threads.
 */
interface DemoConsumers extends AutoCloseable {

    /** Starts the consumers; returns at once. */
    void start();

    /** The first failure of a consumer thread, or {@code null}: the strategy's row is void. */
    Throwable failure();

    /** Stops the consumers (the records in flight end first) and waits for them. */
    @Override
    void close() throws InterruptedException;

    /** The consumers of the strategy, not started. */
    static DemoConsumers of(DemoStrategy strategy, KafkaClients clients, String topic, String group, DemoProbe probe) {
        return switch (strategy.kind()) {
            case SEQUENTIAL, CONSUMER_GROUP -> new PlainGroupConsumers(strategy.consumers(), clients, topic,
                    group, probe);
            case THREAD_PER_PARTITION -> new ThreadPerPartitionConsumers(strategy.consumers(), strategy.threads(),
                    clients, topic, group, probe);
            case LANES -> new LanesDemoConsumer(strategy, clients, topic, group, probe);
        };
    }

    /** A plain consumer of a new group: String keys, byte[] values (the I/O time). */
    static KafkaConsumer<String, byte[]> plainConsumer(KafkaClients clients, String group) {
        return new KafkaConsumer<>(NewGroupProperties.of(clients, group), new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
