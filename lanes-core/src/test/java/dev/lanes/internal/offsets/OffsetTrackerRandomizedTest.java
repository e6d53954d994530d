package dev.lanes.internal.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The tracker against a slow, obviously right model (sorted sets), after every operation, over
 * 1,000 generated operation sequences a run. Seeded: a failure names its seed, and
 * {@code -Dlanes.seed=<seed>} re-runs that one case (see {@link RandomCases}).
 */
class OffsetTrackerRandomizedTest {

    private static final int CASES = 1_000;
    private static final int MAX_OPERATIONS = 400;

    @Test
    void committableOffsetIsTheLowestOffsetNotEnded() {
        RandomCases.run(CASES, gen -> {
            // Up to 2^40 as before, and sometimes near Long.MAX_VALUE (gaps below stay under 2^32 in total).
            long startOffset = gen.percent(5)
                    ? Long.MAX_VALUE - (1L << 32) - gen.longBetween(0, 1_000)
                    : gen.longBetween(0, 1L << 40);
            int initialCapacity = gen.intBetween(1, 8);
            int operations = gen.size(MAX_OPERATIONS);
            checkAgainstModel(gen, startOffset, initialCapacity, operations);
        });
    }

    private static void checkAgainstModel(Gen gen, long startOffset, int initialCapacity, int operations) {
        OffsetTracker tracker = new OffsetTracker(startOffset, initialCapacity);
        List<Long> offsetByHandle = new ArrayList<>();
        TreeSet<Long> notEnded = new TreeSet<>();
        TreeSet<Long> ended = new TreeSet<>();
        long last = startOffset - 1;

        for (int step = 0; step < operations; step++) {
            int op = gen.intBetween(0, Integer.MAX_VALUE);
            int choice = op >>> 2;
            String where = "step " + step + " (start " + startOffset + ", capacity " + initialCapacity + ")";
            if ((op & 3) < 2 || offsetByHandle.isEmpty()) {
                long offset = last + 1 + gap(choice);
                long handle = tracker.track(offset);
                assertThat(handle).as("handle of track(%d), %s", offset, where).isEqualTo(offsetByHandle.size());
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
            assertThat(committable).as("committableOffset, %s", where).isEqualTo(expected);
            assertThat(notEnded.isEmpty() || committable <= notEnded.first()).as("never past a pending offset, %s", where).isTrue();
            assertThat(tracker.pendingCount()).as("pendingCount, %s", where).isEqualTo(notEnded.size());
            List<Long> endedAbove = new ArrayList<>(ended.tailSet(committable, false));
            assertThat(tracker.endedAboveCommittableCount()).as("endedAboveCommittableCount, %s", where).isEqualTo(endedAbove.size());
            List<Long> visited = new ArrayList<>();
            tracker.forEachEndedAboveCommittable(visited::add);
            assertThat(visited).as("forEachEndedAboveCommittable, %s", where).isEqualTo(endedAbove);
            // Beyond the former property test: the array form, the last offset and the window agree with the model too.
            assertThat(tracker.endedAboveCommittable()).as("endedAboveCommittable, %s", where)
                    .containsExactly(endedAbove.stream().mapToLong(Long::longValue).toArray());
            assertThat(tracker.lastTrackedOffset()).as("lastTrackedOffset, %s", where).isEqualTo(last);
            assertThat(tracker.trackedWindow()).as("trackedWindow, %s", where).isEqualTo(notEnded.size() + endedAbove.size());
        }
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
