package dev.lanes.internal.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.Ordering;
import dev.lanes.RecordHandler;
import dev.lanes.internal.limit.ConcurrencyLimit;
import dev.lanes.internal.partition.LaneStrategy;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.poll.TestPartitions;
import dev.lanes.internal.schedule.BatchSizer;
import dev.lanes.internal.schedule.Scheduler;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The dispatcher asks the limit before every round and tells it how each batch went. */
class DispatcherTest {
    private final Scheduler scheduler = new Scheduler();
    private final PartitionState partition = TestPartitions.partition(0);
    private final List<Runnable> handedOut = new ArrayList<>();
    private final RecordingLimit limit = new RecordingLimit();
    private final RecordHandler<String, String> failingOnOffsetOne = record -> {
        if (record.offset() == 1) {
            throw new IllegalStateException("offset 1 fails");
        }
    };
    private final Dispatcher dispatcher = new Dispatcher(scheduler, new BatchSizer(1, 1), limit,
            BatchFactory.blocking(failingOnOffsetOne,
                    new RecordDecoder<>(new StringDeserializer(), new StringDeserializer())), handedOut::add);

    /** A limit that the test sets by hand, and that remembers what it was told. */
    private static final class RecordingLimit implements ConcurrencyLimit {
        int limit = 2;
        final List<String> feedback = new ArrayList<>();
        final List<Long> askedAt = new ArrayList<>();

        @Override
        public int available(int inFlight, long nowNanos) {
            askedAt.add(nowNanos);
            return Math.max(0, limit - inFlight);
        }

        @Override
        public void ended(long elapsedNanos, int records, boolean failed, long nowNanos) {
            feedback.add(records + (failed ? " failed" : " ok") + " at " + nowNanos);
        }

        @Override
        public int limit() {
            return limit;
        }
    }

    private void enqueue(int records) {
        for (int offset = 0; offset < records; offset++) {
            scheduler.enqueue(new WorkItem<>(new ConsumerRecord<>("t", 0, offset, bytes("k" + offset), bytes("v")), partition,
                    LaneStrategy.of(Ordering.UNORDERED, false).laneFor(partition, null), offset, 1, 0));
        }
    }

    @Test
    void startsNoMoreBatchesThanTheLimitAllows() {
        enqueue(5);

        dispatcher.startWork(7);

        assertThat(handedOut).hasSize(2);
        assertThat(dispatcher.batchesOut()).isEqualTo(2);
        assertThat(limit.askedAt).containsExactly(7L);
        assertThat(dispatcher.canStartWork(7)).as("records wait, but the limit is reached").isFalse();
    }

    @Test
    void aRaisedLimitLetsMoreStartAtTheNextRound() {
        enqueue(5);
        dispatcher.startWork(1);

        limit.limit = 4;
        dispatcher.startWork(2);

        assertThat(handedOut).hasSize(4);
        assertThat(dispatcher.batchesOut()).isEqualTo(4);
    }

    @Test
    void aReturnedBatchFreesItsSlotAndTellsTheLimitHowItWent() {
        enqueue(3);
        dispatcher.startWork(1);
        handedOut.forEach(Runnable::run);

        Completion completion;
        while ((completion = dispatcher.inbox().poll()) != null) {
            dispatcher.returned((Batch) completion, 9);
        }

        assertThat(dispatcher.batchesOut()).isZero();
        assertThat(limit.feedback).containsExactly("1 ok at 9", "1 failed at 9");
        assertThat(dispatcher.canStartWork(10)).as("record 2 waits and two slots are free").isTrue();
    }

    @Test
    void aBatchTheExecutorRefusesComesBackAsAFailedAttemptNotAFatalError() {
        Dispatcher refusing = new Dispatcher(scheduler, new BatchSizer(1, 1), limit,
                BatchFactory.blocking(failingOnOffsetOne,
                        new RecordDecoder<>(new StringDeserializer(), new StringDeserializer())),
                task -> {
                    throw new java.util.concurrent.RejectedExecutionException("pool shut down");
                });
        enqueue(1);

        refusing.startWork(1);

        Batch batch = (Batch) refusing.inbox().poll();
        assertThat(batch).isNotNull();
        assertThat(batch.outcome(0)).isEqualTo(Batch.FAILED);
        assertThat(batch.firstError()).hasMessage("pool shut down");
        refusing.returned(batch, 2);
        assertThat(refusing.batchesOut()).isZero();
    }

    @Test
    void theBatchesOutAreListedFromTheirHandOffUntilTheyComeBackInAnyOrder() {
        limit.limit = 4;
        enqueue(4);
        dispatcher.startWork(5); // four batches of one record, handed off at 5
        List<String> before = new ArrayList<>();
        dispatcher.forEachInFlight((item, since) -> before.add(item.offset() + "@" + since));
        assertThat(before).containsExactlyInAnyOrder("0@5", "1@5", "2@5", "3@5");

        comeBack(2, 1); // from the middle of the list, then the one after it
        assertThat(offsetsOut()).containsExactlyInAnyOrder(0L, 3L);
        comeBack(3); // the head of the list
        assertThat(offsetsOut()).containsExactly(0L);
        comeBack(0);
        assertThat(offsetsOut()).isEmpty();
    }

    private void comeBack(int... batches) {
        for (int index : batches) {
            handedOut.get(index).run();
            dispatcher.returned((Batch) dispatcher.inbox().poll(), 6);
        }
    }

    private List<Long> offsetsOut() {
        List<Long> out = new ArrayList<>();
        dispatcher.forEachInFlight((item, since) -> out.add(item.offset()));
        return out;
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
