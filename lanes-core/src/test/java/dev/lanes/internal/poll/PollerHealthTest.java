package dev.lanes.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.FailureAction;
import dev.lanes.LanesHealth;
import dev.lanes.LanesHealth.HotKey;
import dev.lanes.LanesHealth.InFlightRecord;
import dev.lanes.LanesHealth.State;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.RecordHandler;
import dev.lanes.RetryPolicy;
import dev.lanes.internal.EngineConfig;
import dev.lanes.internal.health.HealthBoard;
import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.work.BatchFactory;
import dev.lanes.internal.work.RecordDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * {@code LanesConsumer.health()} as the poller fills it: a mock consumer, a manual executor (a
 * batch not run is a record stuck in its handler) and a clock that moves only when told.
 */
class PollerHealthTest {
    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);
    private static final long SECOND = 1_000_000_000L;
    private static final Instant WALL = Instant.parse("2026-12-02T08:00:00Z");

    private final List<State> statesSeenInsideCommitSync = new ArrayList<>();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            statesSeenInsideCommitSync.add(board.read(false, false).state());
            super.commitSync(offsets, timeout);
        }
    };
    private final ManualExecutor executor = new ManualExecutor();
    private final EngineStats stats = new EngineStats();
    private long now = 1_000 * SECOND;
    private int maxBufferedRecords = 10_000;
    private final HealthBoard board = new HealthBoard(Duration.ofSeconds(30), Duration.ofMinutes(5), 5, () -> now,
            Clock.fixed(WALL, ZoneOffset.UTC));

    private Poller poller(Ordering ordering, RecordHandler<String, String> handler) {
        LanesOptions<String, String> options = LanesOptions.<String, String>builder()
                .consumerProperties(Map.of("bootstrap.servers", "127.0.0.1:1", "group.id", "g",
                        "key.deserializer", StringDeserializer.class.getName(),
                        "value.deserializer", StringDeserializer.class.getName()))
                .topics("t")
                .ordering(ordering)
                .maxConcurrency(10)
                .maxBatchSize(1)
                .maxBufferedRecords(maxBufferedRecords)
                .revokeTimeout(Duration.ZERO)
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofSeconds(1))
                        .maxBackoff(Duration.ofSeconds(1)).jitter(0).onExhausted(FailureAction.STOP).build())
                .build();
        Poller poller = new Poller(consumer, EngineConfig.of(options,
                Backpressure.maxPollRecordsFor(maxBufferedRecords, 500), 4096),
                BatchFactory.blocking(handler, new RecordDecoder<>(new StringDeserializer(), new StringDeserializer())),
                executor, null, null, () -> now, stats, 42, board);
        poller.subscribe();
        consumer.rebalance(List.of(TP0, TP1));
        consumer.updateBeginningOffsets(Map.of(TP0, 0L, TP1, 0L));
        return poller;
    }

    private void add(TopicPartition tp, long offset, String key) {
        consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), ("v" + offset).getBytes(StandardCharsets.UTF_8)));
    }

    private void addFromOffsetZero(TopicPartition tp, String... keys) {
        for (int offset = 0; offset < keys.length; offset++) {
            add(tp, offset, keys[offset]);
        }
    }

    /** What a health endpoint sees after the poller's next turn (a read asks for a fresh look). */
    private LanesHealth healthAfterATurn(Poller poller) {
        board.read(false, false);
        poller.runOnce(0);
        return board.read(false, false);
    }

    @Test
    void aStuckRecordIsReportedWithItsPartitionOffsetAndKeyAfterTheThresholdAndNotBefore() {
        Poller poller = poller(Ordering.KEY, record -> { });
        addFromOffsetZero(TP0, "slow-key", "a", "b");
        poller.runOnce(0);
        executor.runAllBut(0); // offset 0 stays in its handler
        poller.runOnce(0);

        now += 29 * SECOND;
        LanesHealth before = healthAfterATurn(poller);
        assertThat(before.stuck()).isEmpty();
        assertThat(before.stuckCount()).isZero();
        assertThat(before.oldestInFlight()).contains(new InFlightRecord("t", 0, 0, "slow-key", Duration.ofSeconds(29), 1));

        now += SECOND;
        LanesHealth after = healthAfterATurn(poller);
        assertThat(after.stuck()).containsExactly(new InFlightRecord("t", 0, 0, "slow-key", Duration.ofSeconds(30), 1));
        assertThat(after.stuckCount()).isEqualTo(1);
        assertThat(after.heldRecords()).isEqualTo(1);
        assertThat(after.state()).isEqualTo(State.RUNNING);
        assertThat(after.sampledAt()).isEqualTo(WALL);

        executor.runAll();
        now += SECOND;
        assertThat(healthAfterATurn(poller).oldestInFlight()).isEmpty();
    }

    @Test
    void aRecordThatKeepsFailingIsInFlightSinceItsFirstAttemptThroughItsRetries() {
        Poller poller = poller(Ordering.KEY, record -> {
            throw new IllegalStateException("poison");
        });
        add(TP1, 0, "poison");
        for (int second = 0; second < 31; second++) {
            poller.runOnce(0);
            executor.runAll();
            poller.runOnce(0);
            now += SECOND;
        }
        poller.runOnce(0); // the due retry starts
        executor.runAll(); // and fails again
        LanesHealth health = healthAfterATurn(poller); // taken back, it waits for its next retry
        assertThat(health.stuck()).hasSize(1);
        InFlightRecord poison = health.stuck().get(0);
        assertThat(poison.partition()).isEqualTo(1);
        assertThat(poison.key()).isEqualTo("poison");
        assertThat(poison.attempt()).isGreaterThan(10);
        assertThat(poison.age()).isEqualTo(Duration.ofSeconds(31));
    }

    @Test
    void hotKeysNameTheKeyHoldingTheMostQueuedRecordsAndTheOneWaitingLongest() {
        Poller poller = poller(Ordering.KEY, record -> { });
        add(TP0, 0, "old");
        add(TP0, 1, "old");
        poller.runOnce(0); // "old": offset 0 in flight (never run), offset 1 waits behind it
        now += 10 * SECOND;
        for (long offset = 2; offset <= 5; offset++) {
            add(TP0, offset, "hot");
        }
        poller.runOnce(0); // "hot": offset 2 in flight, three queued
        now += SECOND;

        LanesHealth health = healthAfterATurn(poller);
        assertThat(health.mostQueuedKeys()).containsExactly(
                new HotKey("t", 0, "hot", 3, 1, Duration.ofSeconds(1)),
                new HotKey("t", 0, "old", 1, 1, Duration.ofSeconds(11)));
        assertThat(health.longestWaitingKeys()).extracting(HotKey::key).containsExactly("old", "hot");
        assertThat(health.complete()).isTrue();
    }

    @Test
    void inPartitionOrderTheLaneIsThePartitionAndNamesNoKey() {
        Poller poller = poller(Ordering.PARTITION, record -> { });
        addFromOffsetZero(TP1, "a", "b", "c");
        poller.runOnce(0);

        assertThat(healthAfterATurn(poller).mostQueuedKeys())
                .containsExactly(new HotKey("t", 1, null, 2, 1, Duration.ZERO));
    }

    @Test
    void stalledOnceRecordsAreHeldAndNoneEndedForStalledAfter() {
        Poller poller = poller(Ordering.KEY, record -> { });
        now += 10 * 60 * SECOND; // idle for long: nothing held is no stall
        assertThat(healthAfterATurn(poller).state()).isEqualTo(State.RUNNING);

        add(TP0, 0, "stuck");
        add(TP0, 1, "other");
        poller.runOnce(0);
        executor.runOffset(1);
        now += 4 * 60 * SECOND;
        assertThat(healthAfterATurn(poller).state()).isEqualTo(State.RUNNING); // offset 1 ended just now

        now += 5 * 60 * SECOND - 1;
        assertThat(healthAfterATurn(poller).state()).isEqualTo(State.RUNNING);
        now += 1;
        assertThat(healthAfterATurn(poller).state()).isEqualTo(State.STALLED);
        now += 60 * SECOND; // the poller does not turn (it hangs): still stalled, decided at the read
        assertThat(board.read(false, false).state()).isEqualTo(State.STALLED);

        executor.runAll();
        assertThat(healthAfterATurn(poller).state()).isEqualTo(State.RUNNING);
    }

    @Test
    void backpressuredWhileEveryPartitionIsPausedByTheBufferBound() {
        maxBufferedRecords = 8; // two records a poll
        Poller poller = poller(Ordering.UNORDERED, record -> { });
        for (long offset = 0; offset < 20; offset++) {
            add(TP0, offset, "k" + offset);
        }
        for (int turn = 0; turn < 6; turn++) {
            poller.runOnce(0);
        }
        assertThat(healthAfterATurn(poller).state()).isEqualTo(State.BACKPRESSURED);

        for (int turn = 0; turn < 20; turn++) { // handlers catch up: all twenty end
            executor.runAll();
            poller.runOnce(0);
        }
        assertThat(stats.ended.sum()).isEqualTo(20);
        assertThat(healthAfterATurn(poller).state()).isEqualTo(State.RUNNING);
    }

    @Test
    void rebalancingDuringARevocationThenRunningOnceTheAssignmentArrives() {
        Poller poller = poller(Ordering.KEY, record -> { });
        add(TP1, 0, "a");
        poller.runOnce(0);
        executor.runAll();
        poller.runOnce(0); // TP1@0 ended: the revocation commits it, and looks at health meanwhile
        assertThat(healthAfterATurn(poller).rebalances()).isZero();

        consumer.rebalance(List.of(TP0)); // TP1 moves to another member

        assertThat(statesSeenInsideCommitSync).containsExactly(State.REBALANCING);
        LanesHealth health = healthAfterATurn(poller);
        assertThat(health.rebalances()).isEqualTo(1);
        assertThat(health.state()).isEqualTo(State.RUNNING);
    }

    @Test
    void lastCommitIsWhenTheBrokerLastAcknowledgedOne() {
        Poller poller = poller(Ordering.KEY, record -> { });
        assertThat(healthAfterATurn(poller).lastCommit()).isEmpty();
        add(TP0, 0, "a");
        poller.runOnce(0);
        executor.runAll();
        now += 2 * SECOND; // the commit interval (1 s) is up
        poller.runOnce(0);

        now += 3 * SECOND;
        assertThat(healthAfterATurn(poller).lastCommit()).contains(WALL.minusSeconds(3));
    }
}
