package dev.lanes.cli.demo;

import dev.lanes.cli.KafkaClients;
import dev.lanes.cli.BrokerConnection;
import dev.lanes.cli.CliException;
import dev.lanes.cli.FreshTopic;
import dev.lanes.cli.PartitionEnds;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The topics of one {@code lanes demo} run: creates each strategy's topic, and produces the
 * events to it (the day's events, time-compressed). One producer for the run. Used on the
 * command's thread.
 */
final class DemoTopics implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;
    private final DemoEvents events;

    DemoTopics(KafkaClients clients, DemoEvents events) {
        this.events = events;
        this.producer = new KafkaProducer<>(clients.properties(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5)),
                new StringSerializer(), new ByteArraySerializer());
        try {
            this.admin = BrokerConnection.open(clients);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    Admin admin() {
        return admin;
    }

    /** Creates the topic ({@link FreshTopic}); the producer learns of it now, not in the burst. */
    void create(String topic, int partitions) throws InterruptedException {
        FreshTopic.create(admin, topic, partitions, TIMEOUT);
        producer.partitionsFor(topic);
    }

    /**
     * Sends every event and waits for all of them to be acknowledged.
     *
     * @return the I/O time of the events on each partition, by partition number
     * @throws CliException if the topic does not hold exactly the events afterwards
     */
    long[] produce(String topic, int partitions) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Future<RecordMetadata>[] sent = new Future[events.count()];
        for (int i = 0; i < events.count(); i++) {
            sent[i] = producer.send(new ProducerRecord<>(topic, events.key(i), events.value(i)));
        }
        producer.flush();
        long[] work = new long[partitions];
        try {
            for (int i = 0; i < sent.length; i++) {
                work[sent[i].get().partition()] += events.workMicros(i);
            }
        } catch (ExecutionException e) {
            throw new CliException("cannot produce the events to " + topic + ": " + e.getCause().getMessage(), e);
        }
        long[] ends = PartitionEnds.of(admin, topic, partitions, TIMEOUT);
        long total = Arrays.stream(ends).sum();
        if (total != events.count()) {
            throw new CliException("expected " + events.count() + " events in " + topic + ", it holds " + total
                    + " (is another producer writing to it?)");
        }
        return work;
    }

    /** Deletes the topic and the group of the same name; best effort, a failure is only ignored. */
    void delete(String topic) {
        try {
            admin.deleteConsumerGroups(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // The group may not exist (the row failed before its consumers joined).
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            admin.deleteTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Left behind; named lanes-demo-…, it is recognisable.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        producer.close(TIMEOUT);
        admin.close(TIMEOUT);
    }
}
