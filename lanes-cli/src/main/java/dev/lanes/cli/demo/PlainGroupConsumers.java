package dev.lanes.cli.demo;

import dev.lanes.cli.KafkaClients;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RebalanceInProgressException;

/**
 * The plain strategies of {@code lanes demo}: {@code members} consumers in one group, each on its
 * own thread, each handling its records one at a time and committing after each poll (the usual
 * at-least-once loop). One member is the sequential row; 20 are the article's "more consumers per
 * pod" (5 per pod × 4 pods), where the partition count caps the concurrency. Each member's thread
 * owns its consumer ({@link ConsumerThreads}).
 */
final class PlainGroupConsumers extends ConsumerThreads {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaClients clients;
    private final String topic;
    private final String group;
    private final DemoProbe probe;

    PlainGroupConsumers(int members, KafkaClients clients, String topic, String group, DemoProbe probe) {
        super(members, group);
        this.clients = clients;
        this.topic = topic;
        this.group = group;
        this.probe = probe;
    }

    @Override
    void member(String name) throws InterruptedException {
        try (KafkaConsumer<String, byte[]> consumer = DemoConsumers.plainConsumer(clients, group)) {
            consumer.subscribe(List.of(topic));
            while (running()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (handleAll(records)) {
                    commit(consumer);
                }
            }
        }
    }

    /** @return whether there were records and all of them were handled (not stopped midway) */
    private boolean handleAll(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        for (ConsumerRecord<String, byte[]> r : records) {
            if (!running()) {
                return false;
            }
            probe.handle(r.partition(), r.offset(), r.value());
        }
        return !records.isEmpty();
    }

    private static void commit(KafkaConsumer<String, byte[]> consumer) {
        try {
            consumer.commitSync();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The group moved on: the new owner replays these records (at least once), and the
            // probe counts each record once.
        }
    }
}
