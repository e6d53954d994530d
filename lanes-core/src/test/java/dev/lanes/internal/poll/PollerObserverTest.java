package dev.lanes.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.FailureAction;
import dev.lanes.RecordObserver;
import dev.lanes.LanesMetric;
import dev.lanes.LanesOptions;
import dev.lanes.LanesRecord;
import dev.lanes.Ordering;
import dev.lanes.RecordHandler;
import dev.lanes.RecordOutcome;
import dev.lanes.RetryPolicy;
import dev.lanes.internal.EngineConfig;
import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.metrics.RecordObservers;
import dev.lanes.internal.work.BatchFactory;
import dev.lanes.internal.work.RecordDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * What the poller tells a {@link RecordObserver} (every invocation and every record's end, with
 * their timings) and the gauges it publishes each turn: a mock consumer, a manual executor, and a
 * poller clock that moves only when told.
 */
class PollerObserverTest {
    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final long SECOND = 1_000_000_000L;
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);
    private static final RecordDecoder<String, String> STRINGS =
            new RecordDecoder<>(new StringDeserializer(), new StringDeserializer());

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final ManualExecutor executor = new ManualExecutor();
    private final EngineStats stats = new EngineStats();
    private final RecordObservers listeners = new RecordObservers();
    private final List<String> attempts = new ArrayList<>();
    private final List<String> ends = new ArrayList<>();
    private final List<Long> handlerNanos = new ArrayList<>();
    private final List<Long> queuedNanos = new ArrayList<>();
    private final List<Long> endedAt = new ArrayList<>();
    private long now = 1_000 * SECOND;

    private final RecordObserver recording = new RecordObserver() {
        @Override
        public void attemptEnded(LanesRecord<?, ?> record, long nanos, Throwable failure) {
            attempts.add(record.offset() + "#" + record.attempt() + (failure == null ? " ok" : " failed"));
            handlerNanos.add(nanos);
        }

        @Override
        public void recordEnded(LanesRecord<?, ?> record, RecordOutcome outcome, long queued, long endedAtMillis) {
            ends.add(record.offset() + " " + outcome);
            queuedNanos.add(queued);
            endedAt.add(endedAtMillis);
        }
    };

    private Poller poller(int maxConcurrency, RecordHandler<String, String> handler) {
        return poller(maxConcurrency, BatchFactory.blocking(handler, STRINGS));
    }

    private Poller poller(int maxConcurrency, BatchFactory batches) {
        LanesOptions<String, String> options = LanesOptions.<String, String>builder()
                .consumerProperties(Map.of("bootstrap.servers", "127.0.0.1:1", "group.id", "g"))
                .keyDeserializer(new StringDeserializer())
                .valueDeserializer(new StringDeserializer())
                .topics("t")
                .ordering(Ordering.KEY)
                .maxConcurrency(maxConcurrency)
                .maxBatchSize(1)
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(1))
                        .jitter(0).maxAttempts(2).onExhausted(FailureAction.SKIP).build())
                .build();
        Poller poller = new Poller(consumer, EngineConfig.of(options, 500, 4096),
                batches, executor, null, null, () -> now, stats, listeners, 42,
                new dev.lanes.internal.health.HealthBoard(Duration.ofSeconds(30), Duration.ofMinutes(5), 5, () -> now,
                        java.time.Clock.systemUTC()));
        poller.subscribe();
        consumer.rebalance(List.of(TP0));
        consumer.updateBeginningOffsets(Map.of(TP0, 0L));
        return poller;
    }

    private void add(long offset) {
        byte[] key = bytes("k" + offset);
        byte[] value = bytes("v" + offset);
        consumer.addRecord(new ConsumerRecord<>("t", 0, offset, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                key.length, value.length, key, value, new RecordHeaders(), Optional.empty()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A handler that runs for at least a millisecond by the clock the workers read (no sleep). */
    private static void busyFor(long nanos) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < nanos) {
            Thread.onSpinWait();
        }
    }

    @Test
    void tellsEveryAttemptAndEveryEndWithTheirTimings() {
        listeners.add(recording);
        Poller poller = poller(10, record -> {
            busyFor(MILLI);
            if (record.offset() == 1) {
                throw new IllegalStateException("poison");
            }
        });
        add(0);
        add(1);
        add(2);
        long wallBefore = System.currentTimeMillis();

        poller.runOnce(0);
        executor.runAll();
        poller.runOnce(0);
        now += 2 * SECOND; // the retry of offset 1 is due
        poller.runOnce(0);
        executor.runAll();
        poller.runOnce(0);

        assertThat(attempts).containsExactlyInAnyOrder("0#1 ok", "1#1 failed", "2#1 ok", "1#2 failed");
        assertThat(handlerNanos).allSatisfy(nanos -> assertThat(nanos).isGreaterThanOrEqualTo(MILLI));
        assertThat(ends).containsExactlyInAnyOrder("0 OK", "2 OK", "1 SKIPPED");
        assertThat(queuedNanos).allSatisfy(nanos -> assertThat(nanos).isNotNegative());
        assertThat(endedAt).allSatisfy(millis -> assertThat(millis).isBetween(wallBefore, System.currentTimeMillis()));
    }

    @Test
    void timesAnAsynchronousHandlerUntilItsStageCompletes() {
        listeners.add(recording);
        CompletableFuture<Void> stage = new CompletableFuture<>();
        Poller poller = poller(10, BatchFactory.async((LanesRecord<String, String> record) -> stage, STRINGS));
        add(0);
        poller.runOnce(0);
        executor.runAll();
        busyFor(MILLI); // the handler returned its stage at once; the work takes this long

        stage.complete(null);
        poller.runOnce(0);

        assertThat(attempts).containsExactly("0#1 ok");
        assertThat(handlerNanos).singleElement().satisfies(nanos -> assertThat(nanos).isGreaterThanOrEqualTo(MILLI));
        assertThat(ends).containsExactly("0 OK");
    }

    @Test
    void aListenerAddedLaterIsToldButTheRecordsPolledBeforeHaveNoQueuedTime() {
        Poller poller = poller(10, record -> { });
        add(0);
        poller.runOnce(0);
        listeners.add(recording);
        executor.runAll();
        poller.runOnce(0);

        assertThat(ends).containsExactly("0 OK");
        assertThat(queuedNanos).containsExactly(-1L);
        assertThat(handlerNanos).as("its batch was handed out untimed").containsExactly(0L);
    }

    @Test
    void publishesTheFlowGaugesAndTheBacklogEachTurn() {
        Poller poller = poller(3, record -> { });
        for (int offset = 0; offset < 10; offset++) {
            add(offset);
        }
        consumer.updateEndOffsets(Map.of(TP0, 12L)); // two more in the log than polled so far

        poller.runOnce(0);

        assertThat(stats.read(LanesMetric.IN_FLIGHT_RECORDS)).as("one record a batch, three slots").isEqualTo(3);
        assertThat(stats.read(LanesMetric.BUFFERED_BYTES)).as("10 records of key kN and value vN").isEqualTo(40);
        assertThat(stats.read(LanesMetric.CONCURRENCY_LIMIT)).isEqualTo(3);
        assertThat(stats.read(LanesMetric.PAUSED_PARTITIONS)).isZero();
        assertThat(stats.read(LanesMetric.BACKLOG)).as("10 polled, none ended, 2 not polled").isEqualTo(12);
        assertThat(stats.backlogByPartition()).containsExactly(Map.entry(TP0, 12L));

        executor.runOffset(1); // an offset above the committable one ends
        poller.runOnce(0);
        assertThat(stats.read(LanesMetric.BACKLOG)).as("measured once a second").isEqualTo(12);
        now += OwnBacklog.INTERVAL_NANOS;
        poller.runOnce(0);
        assertThat(stats.read(LanesMetric.BACKLOG)).as("offset 1 ended above the committable 0").isEqualTo(11);

        for (int turn = 0; turn < 10; turn++) {
            executor.runAll();
            poller.runOnce(0);
        }
        now += OwnBacklog.INTERVAL_NANOS;
        poller.runOnce(0);
        assertThat(stats.read(LanesMetric.IN_FLIGHT_RECORDS)).isZero();
        assertThat(stats.read(LanesMetric.BUFFERED_BYTES)).isZero();
        assertThat(stats.read(LanesMetric.BACKLOG)).as("all polled ended; 2 not polled").isEqualTo(2);
    }
}
