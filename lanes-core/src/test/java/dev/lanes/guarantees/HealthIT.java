package dev.lanes.guarantees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesHealth;
import dev.lanes.LanesHealth.InFlightRecord;
import dev.lanes.LanesHealth.State;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code LanesConsumer.health()} of a consumer on a real broker: a record whose handler never
 * returns is named as stuck (partition, offset, key) while the consumer runs; a second member
 * joining makes it rebalance (seen, or at least counted) and then run again; close makes it
 * CLOSED. Under the classic protocol and KIP-848's, whose callbacks differ.
 */
class HealthIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final String STUCK_KEY = "stuck-key";

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void stuckRecordRebalanceAndCloseAsHealthShowsThem(String protocol) throws Exception {
        String topic = "health-" + protocol;
        KAFKA.kafka().createTopic(topic, 4);
        RecordMetadata stuck = produce(topic);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ended = new AtomicInteger();

        LanesConsumer<String, String> a = consumer(protocol, topic, "a");
        assertThat(a.health().state()).isEqualTo(State.STARTING);
        a.start(record -> {
            if (STUCK_KEY.equals(record.key())) {
                release.await(60, TimeUnit.SECONDS);
            }
            ended.incrementAndGet();
        });
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> ended.get() >= 99);
            long t0 = System.nanoTime();
            LanesHealth running = awaitHealth(a, health -> !health.stuck().isEmpty());
            assertThat(running.state()).isEqualTo(State.RUNNING);
            assertThat(running.stuckCount()).isEqualTo(1);
            InFlightRecord record = running.stuck().get(0);
            assertThat(record.topic()).isEqualTo(topic);
            assertThat(record.partition()).isEqualTo(stuck.partition());
            assertThat(record.offset()).isEqualTo(stuck.offset());
            assertThat(record.key()).isEqualTo(STUCK_KEY);
            assertThat(record.age()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(running.oldestInFlight()).contains(record);
            assertThat(running.lastCommit()).isPresent();
            long t1 = System.nanoTime();

            Set<State> seen = ConcurrentHashMap.newKeySet();
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                while (watching.get()) {
                    seen.add(a.health().state());
                    Thread.onSpinWait();
                }
            }, "health-watcher");
            watcher.start();
            try (LanesConsumer<String, String> b = consumer(protocol, topic, "b")) {
                b.start(record2 -> { });
                await().atMost(Duration.ofSeconds(30)).until(() -> a.health().rebalances() >= 1
                        && a.health().state() == State.RUNNING && b.health().state() == State.RUNNING);
                watching.set(false);
                watcher.join();
                System.out.printf("HealthIT[%s]: states seen on a while b joined: %s; rebalances %d; stuck seen after"
                        + " %d ms, the join took %d ms%n", protocol, seen, a.health().rebalances(),
                        (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
                release.countDown();
            }
            assertThat(seen).contains(State.RUNNING);
        } finally {
            release.countDown();
            a.close(Duration.ofSeconds(5));
        }
        assertThat(a.health().state()).isEqualTo(State.CLOSED);
    }

    private static LanesHealth awaitHealth(LanesConsumer<?, ?> consumer,
                                           java.util.function.Predicate<LanesHealth> condition) {
        LanesHealth[] last = new LanesHealth[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> condition.test(last[0] = consumer.health()));
        return last[0];
    }

    /** One record of the stuck key on partition 0, then 99 others; returns where the stuck one went. */
    private static RecordMetadata produce(String topic) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KAFKA.kafka().producerProperties())) {
            RecordMetadata stuck = producer.send(new ProducerRecord<>(topic, 0, STUCK_KEY, "never ends")).get();
            for (int i = 0; i < 99; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "v" + i));
            }
            producer.flush();
            return stuck;
        }
    }

    private static LanesConsumer<String, String> consumer(String protocol, String topic, String name) {
        Map<String, Object> props = KAFKA.kafka().consumerProperties("group-" + topic);
        props.put("group.protocol", protocol);
        if (protocol.equals("classic")) {
            props.put("heartbeat.interval.ms", 300); // a join is noticed quickly
        }
        props.put("client.id", topic + "-" + name);
        return LanesConsumer.create(LanesOptions.<String, String>builder()
                .consumerProperties(props)
                .topics(topic)
                .ordering(Ordering.KEY)
                .maxConcurrency(8)
                .maxBatchSize(1) // records batched behind the stuck one would wait with it, in flight too
                .revokeTimeout(Duration.ofSeconds(1)) // the stuck record would hold a revocation 10 s
                .commitInterval(Duration.ofMillis(200))
                .healthStuckAfter(Duration.ofMillis(500))
                .build());
    }
}
