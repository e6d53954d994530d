package dev.lanes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lanes.LanesException;
import dev.lanes.LanesHealth;
import dev.lanes.LanesMetric;
import dev.lanes.LanesOptions;
import dev.lanes.LanesStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The engine's life: start, close, fatal errors; with a mock consumer on the real poller thread. */
class LanesEngineTest {
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    private LanesEngine<String, String> engine() {
        LanesOptions<String, String> options = LanesOptions.<String, String>builder()
                .consumerProperties(Map.of("bootstrap.servers", "127.0.0.1:1", "group.id", "g",
                        "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                        "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"))
                .topics("t")
                .offsetMetadataMaxChars(4096)
                .build();
        return new LanesEngine<>(options, props -> consumer);
    }

    @Test
    void aFatalPollErrorCompletesTerminationExceptionally() throws Exception {
        LanesEngine<String, String> engine = engine();
        consumer.setPollException(new KafkaException("authorization failed"));

        engine.start(record -> { });

        CompletableFuture<Void> termination = engine.termination().toCompletableFuture();
        assertThatThrownBy(() -> termination.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(LanesException.class).hasMessageContaining("authorization failed");
        assertThat(consumer.closed()).isTrue();
        assertThat(engine.health().state()).isEqualTo(LanesHealth.State.FAILED);
    }

    @Test
    void closeDrainsLeavesAndIsSafeTwice() throws Exception {
        LanesEngine<String, String> engine = engine();
        TopicPartition partition = new TopicPartition("t", 0);
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(partition)));
        assertThat(engine.health().state()).isEqualTo(LanesHealth.State.STARTING);
        engine.start(record -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.stats().assignedPartitions() == 1);
        assertThat(engine.health().state()).isEqualTo(LanesHealth.State.RUNNING);

        engine.close(Duration.ofSeconds(5));
        engine.close(Duration.ofSeconds(5));

        engine.termination().toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertThat(consumer.closed()).isTrue();
        assertThat(engine.stats().assignedPartitions()).as("nothing is assigned after close").isZero();
        assertThat(engine.health().state()).isEqualTo(LanesHealth.State.CLOSED);
    }

    @Test
    void startsOnceOnly() {
        LanesEngine<String, String> engine = engine();
        engine.start(record -> { });
        try {
            assertThatThrownBy(() -> engine.start(record -> { }))
                    .isInstanceOf(LanesException.class).hasMessageContaining("already");
        } finally {
            engine.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void aConsumerClosedBeforeStartCannotStart() throws Exception {
        LanesEngine<String, String> engine = engine();
        engine.close();
        engine.termination().toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertThatThrownBy(() -> engine.start(record -> { }))
                .isInstanceOf(LanesException.class).hasMessageContaining("closed");
    }

    @Test
    void statsShowEveryMetricIncludingTheCountersKeptButHiddenBefore() {
        LanesEngine<String, String> engine = engine();
        engine.engineStats().revocations.add(3);
        engine.engineStats().abandonedOnRevoke.add(2);
        engine.engineStats().ended.add(5);
        engine.engineStats().publishGauges(1, 7, 0, 4);

        LanesStats stats = engine.stats();

        assertThat(stats.get(LanesMetric.REVOCATIONS)).isEqualTo(3);
        assertThat(stats.get(LanesMetric.ABANDONED_RECORDS)).isEqualTo(2);
        assertThat(stats.get(LanesMetric.PEAK_BUFFERED_RECORDS)).isEqualTo(7);
        assertThat(stats.endedRecords()).isEqualTo(5);
        assertThat(stats.assignedPartitions()).isEqualTo(4);
    }
}
