package dev.lanes.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.FailureAction;
import dev.lanes.LanesConsumer;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.RetryPolicy;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real consumer on a real broker, bound to a {@link SimpleMeterRegistry}: the meters count what
 * happened (records ended by outcome, failed attempts, one timing per invocation and per ended
 * record), and the backlog comes down to 0 once everything ended.
 */
class LanesMetricsIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final int RECORDS = 300;
    private static final int KEYS = 30;
    private static final String POISON = "key-7";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private RequiredSearch meter(String name) {
        return registry.get(name).tag("group", "orders");
    }

    @Test
    void theMetersCountWhatTheConsumerDid() throws Exception {
        produce("metered", 3);
        LanesOptions<String, String> options = LanesOptions.<String, String>builder()
                .consumerProperties(KAFKA.kafka().consumerProperties("metered"))
                .topics("metered")
                .ordering(Ordering.KEY)
                .maxConcurrency(8)
                .commitInterval(Duration.ofMillis(100))
                .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(10))
                        .onExhausted(FailureAction.SKIP).floodGuardThreshold(0).build()) // exactly 2 attempts each
                .build();
        long poisoned = RECORDS / KEYS;
        try (LanesConsumer<String, String> lanes = LanesConsumer.create(options)) {
            // --- README (Metrics): begin ---
            LanesMetrics.bind(lanes, registry, LanesMetricsConfig.builder().tag("group", "orders").build());
            // --- README (Metrics): end ---
            lanes.start(record -> {
                if (POISON.equals(record.key())) {
                    throw new IllegalStateException("poison");
                }
            });
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(meter("lanes.records.ended").tag("outcome", "ok").functionCounter().count())
                        .isEqualTo(RECORDS - poisoned);
                assertThat(meter("lanes.records.ended").tag("outcome", "skipped").functionCounter().count())
                        .isEqualTo(poisoned);
            });
            assertThat(meter("lanes.concurrency.limit").gauge().value()).isEqualTo(8);
            assertThat(meter("lanes.partitions.assigned").gauge().value()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(meter("lanes.commits").functionCounter().count()).isPositive();
                assertThat(meter("lanes.backlog").gauge().value()).as("all ended, all measured").isZero();
            });
        }
        assertThat(meter("lanes.records.polled").functionCounter().count()).isEqualTo(RECORDS);
        assertThat(meter("lanes.attempts.failed").functionCounter().count()).isEqualTo(2 * poisoned);
        assertThat(meter("lanes.handler.duration").timer().count()).as("one per invocation")
                .isEqualTo(RECORDS - poisoned + 2 * poisoned);
        assertThat(meter("lanes.records.queued.duration").timer().count()).as("one per ended record")
                .isEqualTo(RECORDS);
        assertThat(meter("lanes.records.latency").timer().count()).as("one per ended record").isEqualTo(RECORDS);
        assertThat(meter("lanes.records.latency").timer().max(TimeUnit.SECONDS))
                .as("produced moments ago").isLessThan(60);
        assertThat(meter("lanes.records.in.flight").gauge().value()).as("closed").isZero();
    }

    private static void produce(String topic, int partitions) throws ExecutionException, InterruptedException {
        KAFKA.kafka().createTopic(topic, partitions);
        Map<String, Object> props = KAFKA.kafka().producerProperties();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % KEYS), "value-" + i));
            }
            producer.flush();
        }
    }
}
