package dev.lanes.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.DeadLetterHeaders;
import dev.lanes.FailureAction;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.RetryPolicy;
import dev.lanes.LanesHealth;
import dev.lanes.LanesHealth.InFlightRecord;
import dev.lanes.internal.EngineConfig;
import dev.lanes.internal.health.HealthBoard;
import dev.lanes.internal.failure.DeadLetterClients;
import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.work.BatchFactory;
import dev.lanes.internal.work.RecordDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Dead letters through the poll loop: a mock consumer, a mock producer whose acknowledgements the
 * test gives, a manual executor and a clock that moves only when told.
 */
class DeadLetterPollerTest {
    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final long SECOND = 1_000_000_000L;

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<String> topicChecks = new ArrayList<>();
    private final ManualExecutor executor = new ManualExecutor();
    private final EngineStats stats = new EngineStats();
    private final List<String> givenUp = new ArrayList<>();
    private long now = 1_000 * SECOND;

    private final DeadLetterClients clients = new DeadLetterClients() {
        @Override
        public Producer<byte[], byte[]> producer() {
            return producer;
        }

        @Override
        public DeadLetterClients.TopicCheck topicCheck(String topic, int partitions) {
            return new DeadLetterClients.TopicCheck() {
                @Override
                public void ensureExists(String sourceTopic) {
                    topicChecks.add(topic + " for " + sourceTopic);
                }

                @Override
                public void close() {
                }
            };
        }
    };

    private final HealthBoard health = new HealthBoard(Duration.ofSeconds(30), Duration.ofMinutes(5), 5, () -> now,
            Clock.systemUTC());

    /** Offsets listed in {@code poison} fail every attempt; one attempt each, then the dead-letter topic. */
    private Poller poller(Set<Long> poison) {
        return poller(poison, RetryPolicy.builder().maxAttempts(1).initialBackoff(Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(1)).jitter(0).deadLetterTopic("t.dlt"));
    }

    private Poller poller(Set<Long> poison, RetryPolicy.Builder policy) {
        LanesOptions<String, String> options = LanesOptions.<String, String>builder()
                .consumerProperties(Map.of("bootstrap.servers", "127.0.0.1:1", "group.id", "g",
                        "key.deserializer", StringDeserializer.class.getName(),
                        "value.deserializer", StringDeserializer.class.getName()))
                .topics("t")
                .ordering(Ordering.KEY)
                .revokeTimeout(Duration.ZERO)
                .retryPolicy(policy
                        .givenUpListener((failure, action) -> givenUp.add(failure.record().offset() + " " + action))
                        .build())
                .build();
        Poller poller = new Poller(consumer, EngineConfig.of(options, 500, 4096),
                BatchFactory.blocking(record -> {
                    if (poison.contains(record.offset())) {
                        throw new IllegalStateException("poison " + record.offset());
                    }
                }, new RecordDecoder<>(new StringDeserializer(), new StringDeserializer())),
                executor, null, clients, () -> now, stats, 42, health);
        poller.subscribe();
        consumer.rebalance(List.of(TP0));
        consumer.updateBeginningOffsets(Map.of(TP0, 0L));
        return poller;
    }

    private void add(long offset, String key) {
        consumer.addRecord(new ConsumerRecord<>("t", 0, offset, key.getBytes(StandardCharsets.UTF_8),
                ("v" + offset).getBytes(StandardCharsets.UTF_8)));
    }

    private void turns(Poller poller, int count) {
        for (int i = 0; i < count; i++) {
            poller.runOnce(0);
            executor.runAll();
        }
    }

    private long commitAndRead(Poller poller) {
        now += 2 * SECOND;
        turns(poller, 1);
        return consumer.committed(Set.of(TP0)).get(TP0).offset();
    }

    @Test
    void aRecordWaitingForItsDeadLetterWriteIsInFlightSinceItsFirstAttempt() {
        Poller poller = poller(Set.of(1L));
        add(0, "a");
        add(1, "b");
        turns(poller, 4); // offset 1 failed its one attempt; its write is out, not acknowledged
        now += 40 * SECOND;
        health.read(false, false); // someone reads: the next turn takes a look
        poller.runOnce(0);

        LanesHealth seen = health.read(false, false);
        assertThat(seen.stuck()).containsExactly(new InFlightRecord("t", 0, 1, "b", Duration.ofSeconds(40), 1));
        producer.completeNext();
        turns(poller, 2);
        now += SECOND;
        health.read(false, false);
        poller.runOnce(0);
        assertThat(health.read(false, false).oldestInFlight()).isEmpty();
    }

    @Test
    void aRecordIsDeadLetteredAndEndsOnlyOnceTheWriteIsAcknowledged() {
        Poller poller = poller(Set.of(1L));
        add(0, "a");
        add(1, "b");
        add(2, "b");
        add(3, "c");
        turns(poller, 4);

        assertThat(producer.history()).hasSize(1);
        assertThat(topicChecks).containsExactly("t.dlt for t");
        assertThat(commitAndRead(poller)).as("not committed past the record while its write is out").isEqualTo(1);
        assertThat(givenUp).isEmpty();

        producer.completeNext();
        turns(poller, 3);

        assertThat(givenUp).containsExactly("1 DEAD_LETTER");
        assertThat(stats.deadLettered.sum()).isEqualTo(1);
        assertThat(commitAndRead(poller)).as("key b's next record ran after the dead letter").isEqualTo(4);
        assertThat(stats.ended.sum()).isEqualTo(3);
        assertThat(new String(producer.history().get(0).headers().lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET)
                .value(), StandardCharsets.UTF_8)).isEqualTo("1");
    }

    @Test
    void aFailedWriteIsMadeAgainLaterAndNothingIsCommittedPastItMeanwhile() {
        Poller poller = poller(Set.of(0L));
        add(0, "a");
        add(1, "b");
        turns(poller, 3);

        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker away"));
        turns(poller, 2);
        assertThat(stats.deadLetterWriteFailures.sum()).isEqualTo(1);
        assertThat(commitAndRead(poller)).isZero();
        assertThat(producer.history()).as("sent again after the back-off").hasSize(2);

        producer.completeNext();
        turns(poller, 2);

        assertThat(commitAndRead(poller)).isEqualTo(2);
        assertThat(givenUp).containsExactly("0 DEAD_LETTER");
    }

    @Test
    void aWriteWaitingForItsRetryIsDroppedWithItsPartitionAndTheNextOwnerHasTheRecord() {
        Poller poller = poller(Set.of(0L));
        add(0, "a");
        turns(poller, 3);
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker away"));
        turns(poller, 1);

        consumer.rebalance(List.of());
        poller.lifecycle().revoke(List.of(TP0));
        now += 10 * SECOND;
        turns(poller, 2);

        assertThat(producer.history()).as("no write for a partition given up").hasSize(1);
        assertThat(givenUp).isEmpty();
        consumer.rebalance(List.of(TP0));
        poller.lifecycle().assigned(TestPartitions.partition(0));
        assertThat(poller.lifecycle().get(TP0).ownership().isBlocked()).as("nothing of the old state is out")
                .isFalse();
    }

    @Test
    void withSkipTheRecordEndsAtOnceAndIsCounted() {
        Poller poller = poller(Set.of(0L), RetryPolicy.builder().maxAttempts(1).onExhausted(FailureAction.SKIP));
        add(0, "a");
        add(1, "a");
        turns(poller, 4);

        assertThat(givenUp).containsExactly("0 SKIP");
        assertThat(stats.skipped.sum()).isEqualTo(1);
        assertThat(commitAndRead(poller)).isEqualTo(2);
        assertThat(producer.history()).isEmpty();
    }
}
