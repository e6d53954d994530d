package dev.lanes.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.LanesRecord;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Two listeners in one context against a real broker: an asynchronous one handles every record and
 * its offsets are all committed when the context closes; a blocking one whose failure policy is STOP
 * meets a poison record and its health turns DOWN, while the other stays UP.
 */
class LanesListenersIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final int RECORDS = 500;

    static class Listeners {
        final Set<String> handled = ConcurrentHashMap.newKeySet();

        @LanesListener(id = "async", topics = "starter-async", groupId = "starter-async")
        CompletionStage<Void> async(String value) {
            return CompletableFuture.runAsync(() -> handled.add(value));
        }

        @LanesListener(id = "poisoned", topics = "starter-poison", groupId = "starter-poison",
                options = {"retry.maxAttempts=1", "retry.onExhausted=STOP"})
        void poisoned(LanesRecord<String, String> record) {
            throw new IllegalStateException("poison at offset " + record.offset());
        }
    }

    @Test
    void listenersRunUntilTheContextClosesAndAFatalErrorShowsInHealth() throws Exception {
        produce("starter-async", RECORDS);
        produce("starter-poison", 1);
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, LanesAutoConfiguration.class,
                        LanesHealthAutoConfiguration.class))
                .withBean(Listeners.class)
                .withPropertyValues("spring.kafka.bootstrap-servers=" + KAFKA.bootstrapServers(),
                        "spring.kafka.consumer.auto-offset-reset=earliest", "lanes.commit-interval=1h");
        runner.run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            LanesHealthContributor health = context.getBean("lanesHealthContributor", LanesHealthContributor.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> listeners.handled.size() == RECORDS);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> status(health, "poisoned").equals(Status.DOWN));
            assertThat(((HealthIndicator) health.getContributor("poisoned")).health().getDetails())
                    .containsKey("error");
            assertThat(status(health, "async")).isEqualTo(Status.UP);
            assertThat(committed("starter-async")).isNotEqualTo(endOffsets("starter-async"));
        });
        assertThat(committed("starter-async")).as("committed on close").isEqualTo(endOffsets("starter-async"));
    }

    private static Status status(LanesHealthContributor health, String id) {
        return ((HealthIndicator) health.getContributor(id)).health().getStatus();
    }

    private static void produce(String topic, int count) throws Exception {
        KAFKA.kafka().createTopic(topic, 3);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KAFKA.kafka().producerProperties())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 20), "value-" + i));
            }
            producer.flush();
        }
    }

    private static Map<TopicPartition, Long> committed(String group) throws Exception {
        try (Admin admin = Admin.create(KAFKA.kafka().adminProperties())) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(entry -> entry.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        }
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(KAFKA.kafka().adminProperties())) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int partition = 0; partition < 3; partition++) {
                request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            return admin.listOffsets(request).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        }
    }
}
