package dev.lanes.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import dev.lanes.guarantees.TestTopic;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's example, compiled and run against a real broker, on records that were in the topic
 * before it started; {@code ReadmeDocumentedTest} keeps the README's text and this one the same.
 */
class QuickStartIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    /** Stands for the user's downstream system. */
    static final class Orders {
        final Set<String> saved = ConcurrentHashMap.newKeySet();

        void save(String order) {
            saved.add(order);
        }
    }

    @Test
    void theReadmeExampleHandlesEveryRecord() {
        TestTopic.produce(KAFKA.kafka(), "orders", 6, 1_000, 50);
        Orders orders = new Orders();
        String bootstrapServers = KAFKA.bootstrapServers();

        // --- README: begin ---
        Map<String, Object> props = Map.of(
                "bootstrap.servers", bootstrapServers,
                "group.id", "order-service",
                "auto.offset.reset", "earliest",    // a new group starts at the oldest record, not the next one
                "key.deserializer", StringDeserializer.class,
                "value.deserializer", StringDeserializer.class);
        LanesOptions<String, String> options = LanesOptions.<String, String>builder()
                .consumerProperties(props)
                .topics("orders")
                .ordering(Ordering.KEY)             // in order per key, in parallel across keys
                .maxConcurrency(500)
                .build();
        try (LanesConsumer<String, String> lanes = LanesConsumer.create(options)) {
            lanes.start(record -> orders.save(record.value()));
            // ... until the service stops; close() drains, commits and leaves the group
        // --- README: end ---
            await().atMost(Duration.ofMinutes(1)).until(() -> orders.saved.size() == 1_000);
        }
        assertThat(orders.saved).contains("value-0", "value-999");
    }
}
