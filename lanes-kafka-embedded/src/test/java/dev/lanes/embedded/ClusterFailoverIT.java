package dev.lanes.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 3-node cluster keeps serving producers ({@code acks=all}) and a consumer group while one node
 * is killed with {@code kill -9} and restarted, and no record is lost.
 *
 * <p>The main thread drives the phases by releasing how many records the producer may send: some
 * before the crash, some while the node is down (they must be acknowledged and consumed
 * without it), the rest after its restart.
 */
class ClusterFailoverIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.cluster(3);

    private static final String TOPIC = "failover";
    private static final int PER_PHASE = 5_000;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final AtomicBoolean stop = new AtomicBoolean();

    @AfterEach
    void stopThreads() throws InterruptedException {
        stop.set(true);
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void everyRecordArrivesWhileANodeCrashesAndRestarts(EmbeddedKafka kafka) throws Exception {
        kafka.createTopic(TOPIC, 6, (short) 3);
        Semaphore allowed = new Semaphore(0);
        AtomicInteger acknowledged = new AtomicInteger();
        List<Exception> sendErrors = new CopyOnWriteArrayList<>();
        Set<Integer> consumed = ConcurrentHashMap.newKeySet();
        Future<?> producer = threads.submit(() -> produce(kafka, allowed, acknowledged, sendErrors));
        Future<?> consumer = threads.submit(() -> consume(kafka, consumed));

        allowed.release(PER_PHASE);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(acknowledged).hasValue(PER_PHASE);
            assertThat(consumed).hasSize(PER_PHASE);
        });

        int victim = leaderOfPartitionZero(kafka);
        kafka.crash(victim);
        assertThat(kafka.isRunning(victim)).isFalse();

        allowed.release(PER_PHASE);
        // Written and read with the victim down: replication 3 with min.insync.replicas 2.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(acknowledged).hasValue(2 * PER_PHASE);
            assertThat(consumed).hasSize(2 * PER_PHASE);
        });
        assertThat(kafka.isRunning(victim)).isFalse();

        kafka.restart(victim);
        assertThat(kafka.isRunning(victim)).isTrue();
        allowed.release(PER_PHASE);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(acknowledged).hasValue(3 * PER_PHASE);
            assertThat(consumed).hasSize(3 * PER_PHASE);
        });

        stop.set(true);
        producer.get(30, TimeUnit.SECONDS);
        consumer.get(30, TimeUnit.SECONDS);
        assertThat(sendErrors).isEmpty();
        for (int id = 0; id < 3 * PER_PHASE; id++) {
            assertThat(consumed).contains(id);
        }
        // The restarted node kept its data (no reformat) and catches up as a replica again.
        assertThat(Files.readString(kafka.logFile(victim))).contains("keeping its data");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(partitions(kafka)).allSatisfy(p -> assertThat(p.isr()).hasSize(3)));
    }

    private Void produce(EmbeddedKafka kafka, Semaphore allowed, AtomicInteger acknowledged,
                         List<Exception> errors) throws InterruptedException {
        Map<String, Object> props = kafka.producerProperties();
        props.put("linger.ms", 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            int next = 0;
            while (!stop.get()) {
                if (allowed.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    int id = next++;
                    producer.send(new ProducerRecord<>(TOPIC, "key-" + (id % 100),
                            String.valueOf(id)), (metadata, error) -> {
                                if (error != null) {
                                    errors.add(error);
                                } else {
                                    acknowledged.incrementAndGet();
                                }
                            });
                }
            }
        }
        return null;
    }

    private void consume(EmbeddedKafka kafka, Set<Integer> consumed) {
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(kafka.consumerProperties("failover-group"))) {
            consumer.subscribe(List.of(TOPIC));
            while (!stop.get()) {
                consumer.poll(Duration.ofMillis(100))
                        .forEach(r -> consumed.add(Integer.parseInt(r.value())));
            }
        }
    }

    private static int leaderOfPartitionZero(EmbeddedKafka kafka) throws Exception {
        return partitions(kafka).get(0).leader().id();
    }

    private static List<TopicPartitionInfo> partitions(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            TopicDescription topic = admin.describeTopics(List.of(TOPIC)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(TOPIC);
            return topic.partitions();
        }
    }
}
