package dev.lanes.internal.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    @Test
    void nothingTrackedCommitsTheStartOffset() {
        OffsetTracker tracker = new OffsetTracker(42);

        assertThat(tracker.committableOffset()).isEqualTo(42);
        assertThat(tracker.pendingCount()).isZero();
        assertThat(tracker.endedAboveCommittableCount()).isZero();
        assertThat(tracker.endedAboveCommittable()).isEmpty();
    }

    @Test
    void gapsFromCompactionOrTransactionMarkersAreSkipped() {
        OffsetTracker tracker = new OffsetTracker(10);
        long h10 = tracker.track(10);
        long h13 = tracker.track(13);
        long h20 = tracker.track(20);

        tracker.markEnded(h10);
        assertThat(tracker.committableOffset()).isEqualTo(13);

        tracker.markEnded(h20);
        assertThat(tracker.committableOffset()).isEqualTo(13);
        assertThat(tracker.endedAboveCommittable()).containsExactly(20);
        assertThat(tracker.pendingCount()).isEqualTo(1);

        tracker.markEnded(h13);
        assertThat(tracker.committableOffset()).isEqualTo(21);
        assertThat(tracker.pendingCount()).isZero();
        assertThat(tracker.endedAboveCommittableCount()).isZero();
    }

    @Test
    void firstTrackedOffsetMayBeAboveTheStartOffset() {
        OffsetTracker tracker = new OffsetTracker(5);
        tracker.track(9);

        // 5..8 were never delivered (e.g. compacted away): committing 9 skips nothing pending.
        assertThat(tracker.committableOffset()).isEqualTo(9);
    }

    @Test
    void markEndedIsIdempotentBeforeAndAfterTheRecordIsDropped() {
        OffsetTracker tracker = new OffsetTracker(0);
        long h0 = tracker.track(0);
        long h1 = tracker.track(1);
        long h2 = tracker.track(2);

        tracker.markEnded(h1);
        tracker.markEnded(h1);
        assertThat(tracker.pendingCount()).isEqualTo(2);
        assertThat(tracker.endedAboveCommittableCount()).isEqualTo(1);

        tracker.markEnded(h0);
        tracker.markEnded(h0); // already dropped from the ring
        tracker.markEnded(h1);
        assertThat(tracker.committableOffset()).isEqualTo(2);
        assertThat(tracker.pendingCount()).isEqualTo(1);

        tracker.markEnded(h2);
        assertThat(tracker.committableOffset()).isEqualTo(3);
    }

    @Test
    void rejectsOffsetsThatDoNotIncrease() {
        OffsetTracker tracker = new OffsetTracker(100);
        tracker.track(100);

        assertThatThrownBy(() -> tracker.track(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tracker.track(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OffsetTracker(100).track(99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start offset 100");
        assertThatThrownBy(() -> tracker.track(Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsHandlesItNeverGave() {
        OffsetTracker tracker = new OffsetTracker(0);
        tracker.track(0);

        assertThatThrownBy(() -> tracker.markEnded(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNegativeStartOffset() {
        assertThatThrownBy(() -> new OffsetTracker(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ringGrowsBeyondItsInitialCapacityAndShrinksBack() {
        OffsetTracker tracker = new OffsetTracker(0, 4);
        List<Long> handles = new ArrayList<>();
        for (long offset = 0; offset < 10_000; offset++) {
            handles.add(tracker.track(offset * 2)); // gaps everywhere
        }
        assertThat(tracker.capacity()).isEqualTo(16_384);

        // End all but the first, newest first: nothing becomes committable until offset 0 ends.
        for (int i = handles.size() - 1; i >= 1; i--) {
            tracker.markEnded(handles.get(i));
            assertThat(tracker.committableOffset()).isZero();
        }
        assertThat(tracker.endedAboveCommittableCount()).isEqualTo(9_999);
        assertThat(tracker.endedAboveCommittable()).startsWith(2, 4, 6).endsWith(19_998);

        tracker.markEnded(handles.get(0));
        assertThat(tracker.committableOffset()).isEqualTo(19_999);
        assertThat(tracker.endedAboveCommittableCount()).isZero();
        assertThat(tracker.capacity()).isEqualTo(4);
    }

    @Test
    void headWrapsAroundTheRingWithoutGrowing() {
        OffsetTracker tracker = new OffsetTracker(0, 4);
        long previous = tracker.track(0);
        for (long offset = 1; offset < 1_000; offset++) {
            long handle = tracker.track(offset);
            tracker.markEnded(previous);
            assertThat(tracker.committableOffset()).isEqualTo(offset);
            previous = handle;
        }
        assertThat(tracker.capacity()).isEqualTo(4);
    }

    @Test
    void visitsEndedOffsetsAboveTheCommittableOneInOrderAcrossTheWrap() {
        OffsetTracker tracker = new OffsetTracker(0, 4);
        long h0 = tracker.track(0);
        long h1 = tracker.track(1);
        tracker.markEnded(h0);
        tracker.markEnded(h1);
        long h5 = tracker.track(5); // head is now at ring index 2: the next ones wrap
        long h6 = tracker.track(6);
        long h7 = tracker.track(7);
        long h9 = tracker.track(9);
        tracker.markEnded(h9);
        tracker.markEnded(h6);
        tracker.markEnded(h7);

        List<Long> visited = new ArrayList<>();
        tracker.forEachEndedAboveCommittable(visited::add);

        assertThat(tracker.committableOffset()).isEqualTo(5);
        assertThat(visited).containsExactly(6L, 7L, 9L);
        assertThat(tracker.endedAboveCommittable()).containsExactly(6, 7, 9);
        tracker.markEnded(h5);
        assertThat(tracker.committableOffset()).isEqualTo(10);
    }
}
