package dev.lanes.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LanesOption;
import dev.lanes.FailureAction;
import dev.lanes.LanesOptions;
import dev.lanes.LanesRecord;
import dev.lanes.Ordering;
import dev.lanes.RecordHandler;
import dev.lanes.RetryPolicy;
import dev.lanes.internal.EngineConfig;
import dev.lanes.internal.health.HealthBoard;
import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.offsets.DecodedOffsets;
import dev.lanes.internal.work.Batch;
import dev.lanes.internal.work.BatchFactory;
import dev.lanes.internal.work.RecordDecoder;
import dev.lanes.internal.offsets.OffsetMetadataCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The poll loop driven by hand: a mock consumer, a manual executor and a clock that moves only when told. */
class PollerTest {
    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);
    private static final long SECOND = 1_000_000_000L;
    private static final RecordDecoder<String, String> STRINGS =
            new RecordDecoder<>(new StringDeserializer(), new StringDeserializer());

    /** The seeks the poller made, as {@code partition@offset epoch E}; and a commit that fails once, when asked. */
    private final List<String> seeks = new ArrayList<>();
    private boolean failNextCommitSync;
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public void seek(TopicPartition partition, OffsetAndMetadata position) {
            seeks.add(partition + "@" + position.offset() + " epoch " + position.leaderEpoch().orElse(-1));
            super.seek(partition, position);
        }

        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            if (failNextCommitSync) {
                failNextCommitSync = false;
                throw new org.apache.kafka.common.errors.TimeoutException("commit timed out (test)");
            }
            super.commitSync(offsets, timeout);
        }
    };
    private final ManualExecutor executor = new ManualExecutor();
    private final List<String> handled = new ArrayList<>();
    private final EngineStats stats = new EngineStats();
    private int maxBufferedRecords = LanesOption.MAX_BUFFERED_RECORDS.defaultValue();
    private long now = 1_000 * SECOND;
    private RecordDecoder<String, String> decoder = STRINGS;
    private final HealthBoard healthBoard = new HealthBoard(Duration.ofSeconds(30), Duration.ofMinutes(5), 5,
            () -> now, Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC));

    private Poller poller(Ordering ordering, int maxConcurrency, RecordHandler<String, String> handler) {
        return poller(ordering, maxConcurrency, 0, handler);
    }

    private Poller poller(Ordering ordering, int maxConcurrency, int maxAttempts,
                                          RecordHandler<String, String> handler) {
        LanesOptions<String, String> options = LanesOptions.<String, String>builder()
                .consumerProperties(Map.of("bootstrap.servers", "127.0.0.1:1", "group.id", "g",
                        "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                        "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"))
                .topics("t")
                .ordering(ordering)
                .maxConcurrency(maxConcurrency)
                .revokeTimeout(Duration.ZERO)
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(1))
                        .jitter(0).maxAttempts(maxAttempts).onExhausted(FailureAction.STOP).build())
                .maxBufferedRecords(maxBufferedRecords)
                .build();
        Poller poller = new Poller(consumer, EngineConfig.of(options,
                Backpressure.maxPollRecordsFor(maxBufferedRecords, 500), 4096),
                BatchFactory.blocking(handler, decoder), executor, null, null, () -> now, stats, 42, healthBoard);
        poller.subscribe();
        consumer.rebalance(List.of(TP0, TP1));
        consumer.updateBeginningOffsets(Map.of(TP0, 0L, TP1, 0L));
        return poller;
    }

    private RecordHandler<String, String> recording() {
        return record -> handled.add(describe(record));
    }

    private static String describe(LanesRecord<String, String> record) {
        return record.partition() + "@" + record.offset() + "#" + record.attempt();
    }

    private void add(TopicPartition tp, long offset, String key) {
        consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, bytes(key), bytes("v" + offset)));
    }

    private void addRecords(int count) {
        for (int offset = 0; offset < count; offset++) {
            add(TP0, offset, "k");
        }
    }

    /** A new owner, as it were: the partitions come back and the metadata of this commit is read. */
    private void reassignAfterCommit(long offset, long... ended) {
        String metadata = OffsetMetadataCodec.encode(offset, ended, 4096).orElseThrow();
        consumer.commitSync(Map.of(TP0, new OffsetAndMetadata(offset, metadata)));
        consumer.rebalance(List.of());
        consumer.rebalance(List.of(TP0, TP1));
    }

    private void runTurns(Poller poller, int turns) {
        for (int i = 0; i < turns; i++) {
            turn(poller);
            executor.runAll();
        }
    }

    private void turn(Poller poller) {
        poller.runOnce(0);
    }

    private void commitNow(Poller poller) {
        now += 2 * SECOND;
        turn(poller);
    }

    @Test
    void handlesEveryRecordAndCommitsTheNextOffset() {
        Poller poller = poller(Ordering.KEY, 10, recording());
        for (int offset = 0; offset < 10; offset++) {
            add(TP0, offset, "k" + offset % 3);
        }
        for (int i = 0; i < 20; i++) {
            turn(poller);
            executor.runAll();
        }
        commitNow(poller);

        assertThat(handled).hasSize(10);
        assertThat(consumer.committed(Set.of(TP0)).get(TP0).offset()).isEqualTo(10);
    }

    @Test
    void neverHandsOutMoreBatchesThanTheConcurrencyLimit() {
        Poller poller = poller(Ordering.UNORDERED, 3, recording());
        addRecords(10);
        turn(poller);
        turn(poller);

        assertThat(executor.pendingCount()).isEqualTo(3);
    }

    @Test
    void commitsBelowTheFirstRecordNotEndedAndNamesTheEndedOnesAboveIt() {
        Poller poller = poller(Ordering.UNORDERED, 10, recording());
        addRecords(5);
        turn(poller);
        executor.runOffset(1);
        executor.runOffset(3);
        turn(poller);
        commitNow(poller);

        OffsetAndMetadata committed = consumer.committed(Set.of(TP0)).get(TP0);
        assertThat(committed.offset()).isZero();
        DecodedOffsets ended = OffsetMetadataCodec.decode(committed.metadata(), 0);
        assertThat(ended.contains(1)).isTrue();
        assertThat(ended.contains(3)).isTrue();
        assertThat(ended.contains(2)).isFalse();
        assertThat(ended.endedCount()).isEqualTo(2);
    }

    @Test
    void aFailedRecordIsRetriedAfterItsBackoffAndHoldsItsPartition() {
        List<String> attempts = new ArrayList<>();
        Poller poller = poller(Ordering.PARTITION, 10, record -> {
            attempts.add(describe(record));
            if (record.offset() == 0 && record.attempt() == 1) {
                throw new IllegalStateException("downstream unavailable");
            }
        });
        add(TP0, 0, "a");
        add(TP0, 1, "b");
        turn(poller);
        executor.runAll();
        turn(poller);
        turn(poller);
        assertThat(executor.pendingCount()).as("nothing may start while the failed record waits").isZero();

        now += SECOND;
        turn(poller);
        executor.runAll();
        turn(poller);
        executor.runAll();

        assertThat(attempts).containsExactly("0@0#1", "0@0#2", "0@1#1");
    }

    @Test
    void aRecordThatFailsItsLastAttemptStopsTheEngineWithoutBeingCommitted() {
        Poller poller = poller(Ordering.PARTITION, 10, 2, record -> {
            handled.add(describe(record));
            if (record.offset() == 1) {
                throw new IllegalStateException("poison");
            }
        });
        addRecords(3);
        runTurns(poller, 3);
        assertThat(poller.stopCause()).isNull();
        now += SECOND;
        runTurns(poller, 3);

        assertThat(poller.stopCause()).hasMessageContaining("t-0@1").hasMessageContaining("maxAttempts=2");
        assertThat(handled).containsExactly("0@0#1", "0@1#1", "0@1#2");
        poller.drainAndCommit(Duration.ZERO);
        assertThat(consumer.committed(Set.of(TP0)).get(TP0).offset()).isEqualTo(1);
    }

    @Test
    void aValueThatCannotBeDeserializedFailsItsRecordOnlyAndIsNeverRetried() {
        decoder = new RecordDecoder<>(new StringDeserializer(), new StringDeserializer() {
            @Override
            public String deserialize(String topic, byte[] data) {
                String text = super.deserialize(topic, data);
                if (text.equals("v1")) {
                    throw new IllegalArgumentException("not JSON");
                }
                return text;
            }
        });
        Poller poller = poller(Ordering.KEY, 10, recording());
        add(TP0, 0, "a");
        add(TP0, 1, "b");
        add(TP0, 2, "a");
        add(TP1, 0, "b");
        runTurns(poller, 3);
        now += 100 * SECOND;
        runTurns(poller, 3);

        assertThat(poller.stopCause()).as("with maxAttempts 0, only a record that cannot be deserialized stops it")
                .hasMessageContaining("t-0@1").hasMessageContaining("cannot be deserialized")
                .hasRootCauseMessage("not JSON");
        assertThat(handled).as("every other record, the same key in another partition too")
                .containsExactlyInAnyOrder("0@0#1", "0@2#1", "1@0#1");
        assertThat(stats.failedAttempts.sum()).as("one attempt, not retried").isEqualTo(1);
        poller.drainAndCommit(Duration.ZERO);
        assertThat(consumer.committed(Set.of(TP0)).get(TP0).offset()).isEqualTo(1);
    }

    @Test
    void skipsRecordsThatThePreviousOwnerAlreadyEnded() {
        Poller poller = poller(Ordering.UNORDERED, 10, recording());
        reassignAfterCommit(0, 2, 3);
        addRecords(5);
        runTurns(poller, 5);
        commitNow(poller);

        assertThat(handled).containsExactlyInAnyOrder("0@0#1", "0@1#1", "0@4#1");
        assertThat(consumer.committed(Set.of(TP0)).get(TP0).offset()).isEqualTo(5);
    }

    @Test
    void carriesThePreviousOwnersEndedOffsetsUntilItPollsPastThem() {
        Poller poller = poller(Ordering.UNORDERED, 10, recording());
        reassignAfterCommit(0, 2, 3, 7, 8);
        addRecords(5);
        runTurns(poller, 5);
        commitNow(poller);

        OffsetAndMetadata committed = consumer.committed(Set.of(TP0)).get(TP0);
        assertThat(committed.offset()).isEqualTo(5);
        DecodedOffsets ended = OffsetMetadataCodec.decode(committed.metadata(), 5);
        assertThat(ended.contains(7)).isTrue();
        assertThat(ended.contains(8)).isTrue();
        assertThat(ended.endedCount()).isEqualTo(2);
    }

    @Test
    void carriesAPreviousOwnersMillionEndedOffsetsAsOneRun() {
        Poller poller = poller(Ordering.UNORDERED, 10, recording());
        long[] million = new long[1_000_000];
        for (int i = 0; i < million.length; i++) {
            million[i] = 10 + i; // a previous owner ended 10..1,000,009 while 0..9 were still running
        }
        reassignAfterCommit(0, million);
        addRecords(5);
        runTurns(poller, 5);
        commitNow(poller);

        OffsetAndMetadata committed = consumer.committed(Set.of(TP0)).get(TP0);
        assertThat(committed.offset()).isEqualTo(5);
        DecodedOffsets ended = OffsetMetadataCodec.decode(committed.metadata(), 5);
        assertThat(ended.endedCount()).as("every offset the previous owner ended, still named").isEqualTo(1_000_000);
        assertThat(ended.contains(10)).isTrue();
        assertThat(ended.contains(1_000_009)).isTrue();
        assertThat(ended.contains(1_000_010)).isFalse();
    }

    @Test
    void aLostPartitionIsDroppedWithoutACommit() {
        Poller poller = poller(Ordering.UNORDERED, 10, recording());
        addRecords(3);
        turn(poller);
        executor.runOffset(0);
        turn(poller);

        poller.lifecycle().lose(List.of(TP0)); // what Kafka calls when the partition already has another owner
        executor.runAll();
        commitNow(poller);
        consumer.rebalance(List.of(TP0, TP1)); // MockConsumer reports commits of assigned partitions only

        assertThat(consumer.committed(Set.of(TP0)).get(TP0))
                .as("no commit for a lost partition, though record 0 ended").isNull();
    }

    @Test
    void aPartitionThatComesBackWaitsForItsPreviousRecordsToReturn() {
        Poller poller = poller(Ordering.PARTITION, 10, recording());
        addRecords(2);
        turn(poller);
        assertThat(executor.pendingBatches()).hasSize(1);
        List<Batch> stillRunning = executor.pendingBatches();

        consumer.rebalance(List.of(TP1));          // lost while its batch is still out ...
        poller.lifecycle().lose(List.of(TP0));
        consumer.rebalance(List.of(TP0, TP1));     // ... and the partition comes straight back
        addRecords(2);
        turn(poller);
        turn(poller);
        assertThat(executor.pendingBatches()).as("nothing new may start beside the old batch")
                .isEqualTo(stillRunning);

        executor.runAll();                         // the old batch comes back (its record skipped)
        runTurns(poller, 4);

        assertThat(handled).containsExactly("0@0#1", "0@1#1");
    }

    @Test
    void onRevocationCommitsWhatEndedAndDropsLateResults() {
        Poller poller = poller(Ordering.UNORDERED, 10, recording());
        addRecords(3);
        turn(poller);
        executor.runOffset(0);

        consumer.rebalance(List.of(TP1));
        turn(poller);
        executor.runAll();
        turn(poller);
        consumer.rebalance(List.of(TP0, TP1)); // MockConsumer reports commits of assigned partitions only

        OffsetAndMetadata committed = consumer.committed(Set.of(TP0)).get(TP0);
        assertThat(committed.offset()).isEqualTo(1);
        assertThat(handled).containsExactly("0@0#1");
    }

    /** The consumer fetches bytes; the poller's workers deserialize them with a StringDeserializer. */
    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private void addValue(TopicPartition tp, long offset, String value) {
        addValue(tp, offset, value, 3);
    }

    /** A record written under leader epoch {@code epoch}. */
    private void addValue(TopicPartition tp, long offset, String value, int epoch) {
        consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, 0L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 1, value.length(), bytes("k"), bytes(value),
                new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.of(epoch)));
    }

    private RecordHandler<String, String> recordingValues() {
        return record -> handled.add(record.offset() + "=" + record.value());
    }

    @Test
    void anOffsetThatGoesBackRestartsThePartitionAndDropsTheOldLogsLateResults() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Poller poller = poller(Ordering.PARTITION, 10, record -> {
            if (record.value().equals("old1")) {
                started.countDown();
                release.await();                   // still running when the log changes under it
            }
            handled.add(record.offset() + "=" + record.value());
        });
        for (int offset = 0; offset < 3; offset++) {
            addValue(TP0, offset, "old" + offset);
        }
        runTurns(poller, 1);
        turn(poller);                              // 0 ended; 1 is handed out
        Batch old = executor.pendingBatches().get(0);
        Thread worker = new Thread(executor::runAll);
        worker.start();                            // old record 1 starts, and waits
        started.await();

        consumer.seek(TP0, 1);                     // the log was truncated at 1, then written again
        addValue(TP0, 1, "new1");
        addValue(TP0, 2, "new2");
        turn(poller);
        assertThat(stats.offsetResets.sum()).isEqualTo(1);
        assertThat(poller.stopCause()).isNull();
        assertThat(executor.pendingCount()).as("the new record 1 waits for the old one").isZero();
        assertThat(consumer.committed(Set.of(TP0)).get(TP0)).as("committed at once, without the old metadata")
                .isEqualTo(new OffsetAndMetadata(1, ""));

        release.countDown();
        worker.join();
        assertThat(old.outcome(0)).isEqualTo(Batch.ENDED);
        runTurns(poller, 4);
        commitNow(poller);

        assertThat(handled).containsExactly("0=old0", "1=old1", "1=new1", "2=new2");
        assertThat(consumer.committed(Set.of(TP0)).get(TP0).offset()).isEqualTo(3);
        assertThat(stats.bufferedRecords()).as("the old state's records no longer count").isZero();
    }

    @Test
    void aTruncationAboveTheLowestRecordNotEndedReplaysFromThatRecord() {
        Poller poller = poller(Ordering.PARTITION, 10, recordingValues());
        for (int offset = 0; offset < 5; offset++) {
            addValue(TP0, offset, "v" + offset);
        }
        turn(poller);
        turn(poller);                              // 0 is handed out, 1 to 4 wait in the lane

        consumer.seek(TP0, 3);                     // truncated at 3: 0, 1 and 2 are still in the log
        seeks.clear();
        addValue(TP0, 3, "new3", 8);
        addValue(TP0, 4, "new4", 8);
        turn(poller);
        assertThat(consumer.position(TP0)).as("back to the lowest record not ended").isZero();
        assertThat(seeks).as("with the new leader's epoch, so Kafka still checks the log").containsExactly("t-0@0 epoch 8");
        for (int offset = 0; offset < 3; offset++) {
            addValue(TP0, offset, "v" + offset);
        }
        addValue(TP0, 3, "new3");
        addValue(TP0, 4, "new4");
        runTurns(poller, 10);
        commitNow(poller);

        assertThat(handled).containsExactly("0=v0", "1=v1", "2=v2", "3=new3", "4=new4");
        assertThat(consumer.committed(Set.of(TP0)).get(TP0).offset()).isEqualTo(5);
    }

    @Test
    void aTopicCreatedAgainMovesTheCommittedOffsetBackAndForgetsTheOldMetadata() {
        Poller poller = poller(Ordering.UNORDERED, 10, recording());
        addRecords(5);
        turn(poller);
        executor.runOffset(0);
        executor.runOffset(2);
        executor.runOffset(3);
        turn(poller);
        commitNow(poller);
        OffsetAndMetadata before = consumer.committed(Set.of(TP0)).get(TP0);
        assertThat(before.offset()).isEqualTo(1);
        assertThat(OffsetMetadataCodec.decode(before.metadata(), 1).contains(3)).isTrue();

        consumer.seek(TP0, 0);                     // what auto.offset.reset does on the new, empty log
        add(TP0, 0, "k");
        add(TP0, 1, "k");
        add(TP0, 2, "k");
        add(TP0, 3, "k");
        executor.runAll();                         // the old records 1 and 4: their results are dropped
        runTurns(poller, 3);
        commitNow(poller);

        assertThat(handled).endsWith("0@0#1", "0@1#1", "0@2#1", "0@3#1");
        OffsetAndMetadata after = consumer.committed(Set.of(TP0)).get(TP0);
        assertThat(after.offset()).isEqualTo(4);
        assertThat(OffsetMetadataCodec.decode(after.metadata(), 4).endedCount()).isZero();
    }

    /** Eight partitions and a bound of 40: a share of 5 each, and polls of up to 10 records, as Kafka would give. */
    private void eightPartitionsOfFive() {
        List<TopicPartition> eight = new ArrayList<>();
        Map<TopicPartition, Long> beginnings = new java.util.HashMap<>();
        for (int p = 0; p < 8; p++) {
            eight.add(new TopicPartition("t", p));
            beginnings.put(eight.get(p), 0L);
        }
        consumer.rebalance(eight);
        consumer.updateBeginningOffsets(beginnings);
        consumer.setMaxPollRecords(Backpressure.maxPollRecordsFor(40, 500));
    }

    @Test
    void inPartitionOrderAPollBeyondAPartitionsShareGoesBackToTheLogSoThatEveryPartitionRuns() {
        maxBufferedRecords = 40;
        Poller poller = poller(Ordering.PARTITION, 10, recording());
        eightPartitionsOfFive();
        for (int offset = 0; offset < 10; offset++) {
            add(TP0, offset, "k");
        }
        turn(poller);                              // the assignment
        turn(poller);

        assertThat(stats.polled.sum()).isEqualTo(5);
        assertThat(stats.returnedToLog.sum()).isEqualTo(5);
        assertThat(consumer.position(TP0)).as("fetched again from the first record not kept").isEqualTo(5);
        assertThat(seeks).containsExactly("t-0@5 epoch -1"); // MockConsumer's records carry no epoch
        add(TP1, 0, "k");
        for (int i = 0; i < 60; i++) {
            // The log from the position on, a poll's worth at a time: MockConsumer forgets what it
            // returned, and a copy it still holds must not start above a position sought back to.
            for (long offset = consumer.position(TP0); offset < Math.min(30, consumer.position(TP0) + 10); offset++) {
                add(TP0, offset, "k");
            }
            runTurns(poller, 1);
        }
        commitNow(poller);

        assertThat(handled).filteredOn(h -> h.startsWith("0@"))
                .isEqualTo(java.util.stream.IntStream.range(0, 30).mapToObj(o -> "0@" + o + "#1").toList());
        assertThat(handled).contains("1@0#1");
        assertThat(consumer.committed(Set.of(TP0)).get(TP0).offset()).isEqualTo(30);
    }

    @Test
    void inKeyOrderThePollIsKeptWhole() {
        maxBufferedRecords = 40;
        Poller keyed = poller(Ordering.KEY, 10, recording());
        eightPartitionsOfFive();
        for (int offset = 0; offset < 30; offset++) {
            add(TP0, offset, "k" + offset);
        }
        turn(keyed);
        turn(keyed);

        assertThat(stats.polled.sum()).isEqualTo(10);
        assertThat(stats.returnedToLog.sum()).as("KEY: the excess feeds other lanes").isZero();
    }

    @Test
    void inKeyOrderAHotKeysRecordsBeyondTheShareGoBackToTheLogButOnesThatCouldStartAreKept() {
        maxBufferedRecords = 40;
        Poller keyed = poller(Ordering.KEY, 10, recording());
        eightPartitionsOfFive();
        for (int offset = 0; offset < 6; offset++) {
            add(TP0, offset, offset == 5 ? "cold" : "hot");
        }
        for (int offset = 6; offset < 10; offset++) {
            add(TP0, offset, "hot");
        }
        turn(keyed);

        // A share of 40 / 8 = 5: the first five (hot) are kept; beyond it "cold" could start at
        // once and is kept; the next hot one could not, and the poll is cut there.
        assertThat(stats.polled.sum()).isEqualTo(6);
        assertThat(stats.returnedToLog.sum()).isEqualTo(4);
        assertThat(seeks).containsExactly("t-0@6 epoch -1");
    }

    @Test
    void inKeyOrderKeysThatRecurButAreNotHotAreKeptPastTheShare() {
        maxBufferedRecords = 40;
        Poller keyed = poller(Ordering.KEY, 10, recording());
        eightPartitionsOfFive();
        String[] keys = {"a", "b", "a", "b", "a", "a", "b", "c", "a", "b"};
        for (int offset = 0; offset < keys.length; offset++) {
            add(TP0, offset, keys[offset]);
        }
        turn(keyed);

        // A share of 40 / 8 = 5 (a a a b b); past it each key is kept until its lane holds 4
        // records: "a" at 5 (its 4th), "b" at 6, "c" at 7; "a" at 8 would be its 5th, and the poll
        // is cut there. Cut at the first key already queued, as at first, it sought back at
        // nearly every poll of a partition whose share is smaller than a poll.
        assertThat(stats.polled.sum()).isEqualTo(8);
        assertThat(stats.returnedToLog.sum()).isEqualTo(2);
        assertThat(seeks).containsExactly("t-0@8 epoch -1");
    }

    @Test
    void aRestartWhoseCommitFailsIsCommittedAgainBeforeAnyNewRecord() {
        Poller poller = poller(Ordering.UNORDERED, 10, recordingValues());
        for (int offset = 0; offset < 5; offset++) {
            addValue(TP0, offset, "v" + offset);
        }
        turn(poller);
        executor.runOffset(1);
        executor.runOffset(2);
        executor.runOffset(3);
        turn(poller);
        commitNow(poller);
        OffsetAndMetadata before = consumer.committed(Set.of(TP0)).get(TP0);
        assertThat(before.offset()).isZero();
        assertThat(OffsetMetadataCodec.decode(before.metadata(), 0).endedCount()).isEqualTo(3);

        consumer.seek(TP0, 2);                     // truncated at 2; record 0 has not ended: back to 0
        addValue(TP0, 2, "new2", 9);
        failNextCommitSync = true;
        turn(poller);                              // the restart's own commit fails
        assertThat(consumer.committed(Set.of(TP0)).get(TP0)).isEqualTo(before);

        commitNow(poller);                         // before any record of the new log arrived

        OffsetAndMetadata after = consumer.committed(Set.of(TP0)).get(TP0);
        assertThat(after.offset()).isZero();
        assertThat(OffsetMetadataCodec.decode(after.metadata(), 0).endedCount())
                .as("the old log's ended offsets must not reach a next owner").isZero();
    }

    @Test
    void recordsThePreviousOwnerEndedTakeNoRoomInTheShare() {
        maxBufferedRecords = 40;
        Poller poller = poller(Ordering.PARTITION, 10, recording());
        String metadata = OffsetMetadataCodec.encode(0, new long[] {1, 2, 3}, 4096).orElseThrow();
        consumer.commitSync(Map.of(TP0, new OffsetAndMetadata(0, metadata)));
        consumer.rebalance(List.of());
        eightPartitionsOfFive();                   // the assignment reads the previous owner's metadata
        for (int offset = 0; offset < 10; offset++) {
            add(TP0, offset, "k");
        }
        turn(poller);
        turn(poller);

        assertThat(stats.skippedAlreadyEnded.sum()).isEqualTo(3);
        assertThat(stats.returnedToLog.sum()).as("5 to queue: 0 and 4 to 7, with 1 to 3 skipped").isEqualTo(2);
        assertThat(consumer.position(TP0)).isEqualTo(8);
    }

    @Test
    void aRestartNeverResumesBelowTheLogStart() {
        Poller poller = poller(Ordering.UNORDERED, 10, recordingValues());
        for (int offset = 0; offset < 5; offset++) {
            addValue(TP0, offset, "v" + offset);
        }
        turn(poller);
        executor.runOffset(1);                     // record 0 never ends here
        turn(poller);

        consumer.updateBeginningOffsets(Map.of(TP0, 2L)); // retention deleted 0 and 1 meanwhile
        consumer.seek(TP0, 3);                     // and the log was truncated at 3
        seeks.clear();
        addValue(TP0, 3, "new3", 8);
        turn(poller);

        assertThat(seeks).containsExactly("t-0@2 epoch 8");
        assertThat(consumer.committed(Set.of(TP0)).get(TP0).offset()).isEqualTo(2);
    }
}
