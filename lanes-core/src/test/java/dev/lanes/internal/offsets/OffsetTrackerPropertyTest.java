package dev.lanes.internal.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The tracker against a slow, obviously right model (sorted sets), after every operation. */
class OffsetTrackerPropertyTest {

    @Property(tries = 300)
    void committableOffsetIsTheLowestOffsetNotEnded(
            @ForAll @LongRange(min = 0, max = 1L << 40) long startOffset,
            @ForAll @IntRange(min = 1, max = 8) int initialCapacity,
            @ForAll("operations") List<Integer> operations) {
        OffsetTracker tracker = new OffsetTracker(startOffset, initialCapacity);
        List<Long> offsetByHandle = new ArrayList<>();
        TreeSet<Long> notEnded = new TreeSet<>();
        TreeSet<Long> ended = new TreeSet<>();
        long last = startOffset - 1;

        for (int op : operations) {
            int choice = op >>> 2;
            if ((op & 3) < 2 || offsetByHandle.isEmpty()) {
                long offset = last + 1 + gap(choice);
                long handle = tracker.track(offset);
                assertThat(handle).isEqualTo(offsetByHandle.size());
                offsetByHandle.add(offset);
                notEnded.add(offset);
                last = offset;
            } else {
                // Any handle ever given, so some are ended already: checks idempotence too.
                int handle = choice % offsetByHandle.size();
                tracker.markEnded(handle);
                long offset = offsetByHandle.get(handle);
                if (notEnded.remove(offset)) {
                    ended.add(offset);
                }
            }

            long expected = notEnded.isEmpty() ? last + 1 : notEnded.first();
            long committable = tracker.committableOffset();
            assertThat(committable).isEqualTo(expected);
            assertThat(notEnded.isEmpty() || committable <= notEnded.first()).isTrue();
            assertThat(tracker.pendingCount()).isEqualTo(notEnded.size());
            List<Long> endedAbove = new ArrayList<>(ended.tailSet(committable, false));
            assertThat(tracker.endedAboveCommittableCount()).isEqualTo(endedAbove.size());
            List<Long> visited = new ArrayList<>();
            tracker.forEachEndedAboveCommittable(visited::add);
            assertThat(visited).isEqualTo(endedAbove);
        }
    }

    @Provide
    Arbitrary<List<Integer>> operations() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(400);
    }

    /** Mostly consecutive offsets, sometimes small or large gaps (compaction, markers). */
    private static long gap(int choice) {
        int bucket = choice % 20;
        if (bucket < 14) {
            return 0;
        }
        return bucket < 19 ? choice % 3 + 1 : 1_000 + choice % 100_000;
    }
}
