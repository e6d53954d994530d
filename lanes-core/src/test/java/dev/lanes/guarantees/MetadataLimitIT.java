package dev.lanes.guarantees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesMetric;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.embedded.EmbeddedKafka;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A broker that accepts less commit metadata than Lanes was told (8 characters; issue 10): the refused commits
 * are made again without metadata, the budget comes down, and the committed offset follows.
 */
class MetadataLimitIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.of(EmbeddedKafka.builder()
            .brokerProperty("offset.metadata.max.bytes", "8"));

    @Test
    void refusedMetadataNeverStopsTheCommittedOffsetFromFollowing() throws Exception {
        String topic = "small-metadata";
        TestTopic.produce(KAFKA.kafka(), topic, 1, 3_000, 500);
        CountDownLatch release = new CountDownLatch(1);
        LanesOptions<String, String> options = LanesOptions.<String, String>builder()
                .consumerProperties(KAFKA.kafka().consumerProperties("group-" + topic))
                .topics(topic)
                .ordering(Ordering.UNORDERED)
                .maxConcurrency(200)
                .commitInterval(Duration.ofMillis(100))
                .offsetMetadataMaxChars(4096)
                .build();
        TopicPartition partition = new TopicPartition(topic, 0);
        try (LanesConsumer<String, String> lanes = LanesConsumer.create(options)) {
            lanes.start(record -> {
                // 1 ms a record: an I/O-bound handler, so each record is its own hand-off. Records
                // 10 and every 50th after 1,000 wait, so that the offsets above the committed one
                // that ended have holes and the metadata grows past the broker's 8 characters.
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                if (record.offset() == 10 || (record.offset() > 1_000 && record.offset() % 50 == 0)) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> lanes.stats().get(LanesMetric.METADATA_REJECTIONS) >= 1);
            assertThat(committed(partition).offset()).as("stuck at record 10 meanwhile").isEqualTo(10);

            release.countDown();
            await().atMost(Duration.ofMinutes(1)).until(() -> committed(partition).offset() == 3_000);
            assertThat(lanes.stats().commitFailures()).isZero();
        }
    }

    private static OffsetAndMetadata committed(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(KAFKA.kafka().adminProperties())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("group-" + partition.topic())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            OffsetAndMetadata committed = offsets.get(partition);
            return committed == null ? new OffsetAndMetadata(0) : committed;
        }
    }
}
