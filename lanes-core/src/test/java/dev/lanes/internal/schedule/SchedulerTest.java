package dev.lanes.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.Ordering;
import dev.lanes.internal.partition.LaneStrategy;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.poll.TestPartitions;
import dev.lanes.internal.work.WorkItem;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private final Scheduler scheduler = new Scheduler();
    private final PartitionState p0 = TestPartitions.partition(0);
    private final PartitionState p1 = TestPartitions.partition(1);

    private WorkItem<?, ?> add(Ordering ordering, PartitionState partition, String key, long offset) {
        Lane lane = LaneStrategy.of(ordering, false).laneFor(partition, key);
        WorkItem<?, ?> item = new WorkItem<>(
                new ConsumerRecord<>("t", partition.topicPartition().partition(), offset, bytes(key), bytes("v")),
                partition, lane, offset, 1, 0);
        scheduler.enqueue(item);
        return item;
    }

    private List<WorkItem<?, ?>> fill(int max, long now) {
        List<WorkItem<?, ?>> batch = new ArrayList<>();
        scheduler.fill(batch, max, now, false);
        return batch;
    }

    @Test
    void anOrderedLaneStartsItsNextRecordOnlyAfterThePreviousEnded() {
        WorkItem<?, ?> first = add(Ordering.PARTITION, p0, "a", 0);
        WorkItem<?, ?> second = add(Ordering.PARTITION, p0, "b", 1);

        assertThat(fill(1, 0)).containsExactly(first);
        assertThat(fill(1, 0)).isEmpty();
        scheduler.ended(first);
        assertThat(fill(1, 0)).containsExactly(second);
    }

    @Test
    void anOrderedLaneMayHandARunOfConsecutiveRecordsToOneBatch() {
        WorkItem<?, ?> first = add(Ordering.PARTITION, p0, "a", 0);
        WorkItem<?, ?> second = add(Ordering.PARTITION, p0, "b", 1);

        assertThat(fill(10, 0)).containsExactly(first, second);
        assertThat(fill(10, 0)).isEmpty();
    }

    @Test
    void aOneLaneBatchHoldsOneKeysRunOrOneUnorderedRecord() {
        WorkItem<?, ?> a0 = add(Ordering.KEY, p0, "a", 0);
        WorkItem<?, ?> a1 = add(Ordering.KEY, p0, "a", 1);
        WorkItem<?, ?> b2 = add(Ordering.KEY, p0, "b", 2);
        WorkItem<?, ?> u3 = add(Ordering.UNORDERED, p1, null, 3);
        WorkItem<?, ?> u4 = add(Ordering.UNORDERED, p1, null, 4);

        List<WorkItem<?, ?>> first = new ArrayList<>();
        scheduler.fill(first, 10, 0, true);
        List<WorkItem<?, ?>> second = new ArrayList<>();
        scheduler.fill(second, 10, 0, true);
        List<WorkItem<?, ?>> third = new ArrayList<>();
        scheduler.fill(third, 10, 0, true);

        assertThat(first).as("key a's run, without b").containsExactly(a0, a1);
        assertThat(second).containsExactly(b2);
        assertThat(third).as("an unordered record alone").containsExactly(u3);
        assertThat(fill(10, 0)).as("without oneLane").containsExactly(u4);
    }

    @Test
    void keysOfOnePartitionRunInParallelButEachKeyInOrder() {
        WorkItem<?, ?> a0 = add(Ordering.KEY, p0, "a", 0);
        WorkItem<?, ?> a1 = add(Ordering.KEY, p0, "a", 1);
        WorkItem<?, ?> b2 = add(Ordering.KEY, p0, "b", 2);

        assertThat(fill(1, 0)).containsExactly(a0);
        assertThat(fill(1, 0)).containsExactly(b2);
        assertThat(fill(1, 0)).isEmpty();
        scheduler.ended(a0);
        assertThat(fill(1, 0)).containsExactly(a1);
    }

    @Test
    void nullKeysRunUnorderedInKeyMode() {
        WorkItem<?, ?> first = add(Ordering.KEY, p0, null, 0);
        WorkItem<?, ?> second = add(Ordering.KEY, p0, null, 1);

        assertThat(fill(1, 0)).containsExactly(first);
        assertThat(fill(1, 0)).containsExactly(second);
    }

    @Test
    void unorderedRecordsAllStartAtOnce() {
        for (int offset = 0; offset < 5; offset++) {
            add(Ordering.UNORDERED, p0, "k", offset);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(fill(1, 0)).hasSize(1);
        }
        assertThat(fill(1, 0)).isEmpty();
    }

    @Test
    void aDeepLaneDoesNotStarveAShallowOne() {
        for (int offset = 0; offset < 1000; offset++) {
            add(Ordering.UNORDERED, p0, "hot", offset);
        }
        WorkItem<?, ?> cold = add(Ordering.UNORDERED, p1, "cold", 0);

        List<WorkItem<?, ?>> firstBatch = fill(10, 0);
        List<WorkItem<?, ?>> secondBatch = fill(10, 0);

        assertThat(firstBatch).hasSize(10).allMatch(item -> item.partitionState() == p0);
        assertThat(secondBatch).containsExactly(cold);
        assertThat(fill(10, 0)).hasSize(10).allMatch(item -> item.partitionState() == p0);
    }

    @Test
    void aBatchHoldsTheRecordsOfOnePartitionOnly() {
        List<WorkItem<?, ?>> added = new ArrayList<>();
        for (int offset = 0; offset < 6; offset++) {
            added.add(add(Ordering.KEY, offset % 2 == 0 ? p0 : p1, "k" + offset, offset));
        }

        List<List<WorkItem<?, ?>>> batches = new ArrayList<>();
        for (List<WorkItem<?, ?>> batch = fill(10, 0); !batch.isEmpty(); batch = fill(10, 0)) {
            batches.add(batch);
        }

        assertThat(batches).allSatisfy(batch -> assertThat(batch).extracting(item -> item.partitionState()).containsOnly(
                batch.get(0).partitionState()));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(6);
        assertThat(batches.get(0)).containsExactly(added.get(0)); // round-robin order is kept
        assertThat(batches.get(1)).containsExactly(added.get(1));
    }

    @Test
    void aHotKeyGetsOneTurnPerRoundLikeEveryOtherKey() {
        List<WorkItem<?, ?>> hot = new ArrayList<>();
        for (int offset = 0; offset < 100; offset++) {
            hot.add(add(Ordering.KEY, p0, "hot", offset));
        }
        WorkItem<?, ?> cold = add(Ordering.KEY, p0, "cold", 100);

        assertThat(fill(2, 0)).containsExactly(hot.get(0), hot.get(1));
        assertThat(fill(2, 0)).containsExactly(cold);
    }

    @Test
    void aFailedRecordHoldsItsLaneUntilItsRetryEnds() {
        WorkItem<?, ?> first = add(Ordering.PARTITION, p0, "a", 0);
        WorkItem<?, ?> second = add(Ordering.PARTITION, p0, "b", 1);
        assertThat(fill(1, 0)).containsExactly(first);

        scheduler.retryAt(first, 100);

        assertThat(fill(1, 50)).isEmpty();
        assertThat(scheduler.nanosUntilDue(50)).isEqualTo(50);
        assertThat(fill(1, 100)).containsExactly(first);
        assertThat(fill(1, 100)).isEmpty();
        scheduler.ended(first);
        assertThat(fill(1, 100)).containsExactly(second);
    }

    @Test
    void unstartedRecordsGoBackToTheHeadOfTheirLaneInOrder() {
        WorkItem<?, ?> first = add(Ordering.PARTITION, p0, "a", 0);
        WorkItem<?, ?> second = add(Ordering.PARTITION, p0, "b", 1);
        WorkItem<?, ?> third = add(Ordering.PARTITION, p0, "c", 2);
        List<WorkItem<?, ?>> batch = fill(10, 0);
        assertThat(batch).containsExactly(first, second, third);

        scheduler.retryAt(first, 10);
        scheduler.returnUnstarted(List.of(second, third));

        assertThat(fill(10, 5)).isEmpty();
        assertThat(fill(10, 10)).containsExactly(first);
        scheduler.ended(first);
        assertThat(fill(10, 10)).containsExactly(second, third);
        assertThat(scheduler.queuedRecords()).isZero();
    }

    @Test
    void aRevokedPartitionStartsNothingMore() {
        add(Ordering.UNORDERED, p0, "a", 0);
        WorkItem<?, ?> other = add(Ordering.UNORDERED, p1, "b", 0);

        TestPartitions.revoke(p0);
        scheduler.forget(p0);

        assertThat(fill(10, 0)).containsExactly(other);
        assertThat(scheduler.queuedRecords()).isZero();
    }

    @Test
    void idleKeyLanesAreForgottenInBulkSoMemoryFollowsTheBuffer() {
        for (int offset = 0; offset < 10_000; offset++) {
            WorkItem<?, ?> item = add(Ordering.KEY, p0, "key-" + offset, offset);
            assertThat(fill(1, 0)).containsExactly(item);
            scheduler.ended(item);
        }
        assertThat(p0.keyLaneCount()).as("lanes kept between sweeps").isBetween(1, 4097);

        p0.sweepIdleLanes(true);

        assertThat(p0.keyLaneCount()).isZero();
    }

    @Test
    void aSweepKeepsLanesThatStillHoldRecords() {
        WorkItem<?, ?> busy = add(Ordering.KEY, p0, "busy", 0);
        add(Ordering.KEY, p0, "busy", 1);
        fill(1, 0);

        p0.sweepIdleLanes(true);
        scheduler.ended(busy);

        assertThat(fill(1, 0)).extracting(item -> item.offset()).containsExactly(1L);
    }

    @Test
    void byteArrayKeysAreComparedByContent() {
        Lane first = LaneStrategy.of(Ordering.KEY, false).laneFor(p0, new byte[] {1, 2});
        Lane second = LaneStrategy.of(Ordering.KEY, false).laneFor(p0, new byte[] {1, 2});
        assertThat(first).isSameAs(second);
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
