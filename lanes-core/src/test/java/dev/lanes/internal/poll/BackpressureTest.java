package dev.lanes.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.internal.partition.PartitionState;
import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackpressureTest {
    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final PartitionState p0 = TestPartitions.partition(0);
    private final PartitionState p1 = TestPartitions.partition(1);
    private final List<PartitionState> partitions = List.of(p0, p1);

    @BeforeEach
    void assign() {
        consumer.assign(List.of(p0.topicPartition(), p1.topicPartition()));
    }

    @Test
    void pausesOnlyThePartitionsThatHoldTheirShare() {
        Backpressure backpressure = new Backpressure(100, 1 << 20, 10);
        fill(backpressure, p0, 50, 10);

        assertThat(backpressure.apply(consumer, partitions, true)).isTrue();

        assertThat(consumer.paused()).containsExactly(p0.topicPartition());
        assertThat(backpressure.pausedPartitions()).as("the gauge").isEqualTo(1);
        assertThat(backpressure.bufferedBytes()).as("the gauge").isEqualTo(500);
    }

    @Test
    void withAFastHandlerOnlyTheWholeBufferPausesAndThenEveryPartition() {
        Backpressure backpressure = new Backpressure(100, 1 << 20, 10);
        fill(backpressure, p0, 60, 10);

        assertThat(backpressure.apply(consumer, partitions, false)).isTrue();
        assertThat(consumer.paused()).as("60 held of a share of 50, but the buffer has room").isEmpty();

        fill(backpressure, p0, 31, 10);
        assertThat(backpressure.apply(consumer, partitions, false)).isFalse();
        assertThat(consumer.paused()).as("full").containsExactlyInAnyOrder(p0.topicPartition(), p1.topicPartition());

        drain(backpressure, p0, 30, 10);
        assertThat(backpressure.apply(consumer, partitions, false)).as("61 held").isTrue();
        assertThat(consumer.paused()).as("both resume together").isEmpty();
    }

    @Test
    void aSlowHandlerAgainHoldsEachPartitionToItsShare() {
        Backpressure backpressure = new Backpressure(100, 1 << 20, 10);
        fill(backpressure, p0, 60, 10);
        backpressure.apply(consumer, partitions, false);

        backpressure.apply(consumer, partitions, true);

        assertThat(consumer.paused()).containsExactly(p0.topicPartition());
    }

    @Test
    void resumesAPartitionOnlyOnceItDrainedToHalfItsShare() {
        Backpressure backpressure = new Backpressure(100, 1 << 20, 10);
        fill(backpressure, p0, 50, 10);
        backpressure.apply(consumer, partitions, true);

        drain(backpressure, p0, 1, 10);
        backpressure.apply(consumer, partitions, true);
        assertThat(consumer.paused()).as("49 of a share of 50").containsExactly(p0.topicPartition());

        drain(backpressure, p0, 24, 10);
        backpressure.apply(consumer, partitions, true);
        assertThat(consumer.paused()).isEmpty();
        assertThat(backpressure.pausedPartitions()).as("the gauge").isZero();
    }

    @Test
    void onceFullTheBufferDrainsAQuarterBeforeFetchingAgain() {
        Backpressure backpressure = new Backpressure(100, 1 << 20, 10);
        fill(backpressure, p0, 45, 1);
        fill(backpressure, p1, 46, 1);
        assertThat(backpressure.apply(consumer, partitions, true)).isFalse();

        drain(backpressure, p1, 10, 1);
        assertThat(backpressure.apply(consumer, partitions, true)).as("81 held").isFalse();

        drain(backpressure, p1, 20, 1);
        assertThat(backpressure.apply(consumer, partitions, true)).as("61 held").isTrue();
    }

    @Test
    void pausesEverythingWhenOnePollCouldOverflowTheRecordBound() {
        Backpressure backpressure = new Backpressure(100, 1 << 20, 10);
        fill(backpressure, p0, 45, 1);
        fill(backpressure, p1, 46, 1);

        assertThat(backpressure.apply(consumer, partitions, true)).isFalse();

        assertThat(consumer.paused()).containsExactlyInAnyOrder(p0.topicPartition(), p1.topicPartition());
    }

    @Test
    void pausesWhenTheByteBoundIsReached() {
        Backpressure backpressure = new Backpressure(1000, 1000, 10);
        fill(backpressure, p1, 1, 1000);

        assertThat(backpressure.apply(consumer, partitions, true)).isFalse();
    }

    @Test
    void pausesAPartitionWhoseOldestRecordHoldsTooLongATrackedWindow() {
        Backpressure backpressure = new Backpressure(100, 1 << 20, 10);
        int window = Backpressure.maxTrackedWindow(50);
        var tracker = p0.trackerStartingAt(0);
        tracker.track(0); // never ends: a stuck record at the head
        for (long offset = 1; offset < window; offset++) {
            tracker.markEnded(tracker.track(offset)); // everything behind it ends
        }
        assertThat(backpressure.apply(consumer, partitions, true)).isTrue();
        assertThat(consumer.paused()).as("buffered nothing, but tracks %d offsets", window)
                .containsExactly(p0.topicPartition());
    }

    @Test
    void aDroppedPartitionNoLongerCounts() {
        Backpressure backpressure = new Backpressure(100, 1 << 20, 10);
        fill(backpressure, p0, 50, 10);
        backpressure.dropped(p0);
        assertThat(backpressure.bufferedRecords()).isZero();
        assertThat(backpressure.bufferedBytes()).isZero();
    }

    @Test
    void maxPollRecordsLeavesRoomForFourPolls() {
        assertThat(Backpressure.maxPollRecordsFor(10_000, 500)).isEqualTo(500);
        assertThat(Backpressure.maxPollRecordsFor(1_000, 500)).isEqualTo(250);
        assertThat(Backpressure.maxPollRecordsFor(2, 500)).isEqualTo(1);
    }

    @Test
    void theByteBoundLeavesRoomForOnePollSoThatNoPollCanPassIt() {
        Backpressure backpressure = new Backpressure(1_000, 1_000, 10, 250);
        fill(backpressure, p0, 15, 50);
        fill(backpressure, p1, 2, 0);
        assertThat(backpressure.apply(consumer, partitions, true)).as("750 bytes held: a 250-byte poll still fits").isTrue();

        fill(backpressure, p1, 1, 1);

        assertThat(backpressure.apply(consumer, partitions, true)).as("751 held").isFalse();
        assertThat(Backpressure.maxPollBytesFor(64L << 20, 50 << 20)).as("a quarter of the bound")
                .isEqualTo(16 << 20);
        assertThat(Backpressure.maxPollBytesFor(1L << 40, 50 << 20)).as("never above the setting")
                .isEqualTo(50 << 20);
    }

    private static void fill(Backpressure backpressure, PartitionState partition, int records, int bytes) {
        for (int i = 0; i < records; i++) {
            backpressure.added(partition, bytes);
        }
    }

    private static void drain(Backpressure backpressure, PartitionState partition, int records, int bytes) {
        for (int i = 0; i < records; i++) {
            backpressure.removed(partition, bytes);
        }
    }

    @Test
    void aPollKeepsAPartitionWithinItsShareButAlwaysAtLeastOneRecord() {
        Backpressure backpressure = new Backpressure(100, 1 << 20, 25); // 4 partitions: a share of 25

        assertThat(backpressure.keepable(p0, 40, 4)).isEqualTo(25);
        assertThat(backpressure.keepable(p0, 10, 4)).isEqualTo(10);
        for (int i = 0; i < 20; i++) {
            backpressure.added(p0, 10);
        }
        assertThat(backpressure.keepable(p0, 40, 4)).as("20 held already").isEqualTo(5);
        for (int i = 0; i < 10; i++) {
            backpressure.added(p0, 10);
        }
        assertThat(backpressure.keepable(p0, 40, 4)).as("over its share: still one, so it moves").isEqualTo(1);
        assertThat(backpressure.keepable(p1, 40, 2)).as("fewer partitions, larger shares").isEqualTo(40);
    }
}
