package dev.lanes.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import dev.lanes.guarantees.TestTopic;
import dev.lanes.internal.LanesEngine;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A million-record backlog and a slow handler: the records held stay under the bound, and the
 * instance keeps polling, so it stays in its group past {@code max.poll.interval.ms}.
 */
class BackpressureIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final int BOUND = 2_000;

    @Test
    void aDeepBacklogNeverOverflowsTheBuffer() {
        TestTopic.produce(KAFKA.kafka(), "backpressure", 12, 1_000_000, 1_000);
        Map<String, Object> props = KAFKA.kafka().consumerProperties("group-backpressure");
        props.put("max.poll.interval.ms", "6000");
        AtomicLong handled = new AtomicLong();
        LanesEngine<String, String> lanes = (LanesEngine<String, String>) LanesConsumer.create(
                LanesOptions.<String, String>builder()
                        .consumerProperties(props)
                        .topics("backpressure")
                        .ordering(Ordering.KEY)
                        .maxConcurrency(20)
                        .maxBufferedRecords(BOUND)
                        .revokeTimeout(Duration.ofSeconds(2))
                        .build());
        try (lanes) {
            lanes.start(record -> {
                LockSupport.parkNanos(10_000_000);
                handled.incrementAndGet();
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                assertThat(lanes.engineStats().bufferedRecords()).isLessThanOrEqualTo(BOUND);
                return System.nanoTime() > deadline;
            });
            assertThat(lanes.engineStats().peakBufferedRecords()).as("peak records held").isBetween(BOUND / 2, BOUND);
            assertThat(lanes.engineStats().revocations.sum()).as("rebalances: the instance stayed in its group").isZero();
            assertThat(handled.get()).as("still making progress").isGreaterThan(10_000);
        }
    }
}
