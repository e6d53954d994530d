package dev.lanes.guarantees;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.Ordering;
import dev.lanes.guarantees.Invocation.RecordId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks DESIGN.md's guarantees from the records' point of view, on the invocations a run
 * journaled, whatever produced them (one instance, several, a crash): at least once, order per
 * lane, no two invocations of a lane overlapping in time, and the replay bound.
 */
public final class GuaranteeChecker {
    private GuaranteeChecker() {
    }

    /** Every expected record has an invocation that ended well. */
    public static void assertAtLeastOnce(List<Invocation> invocations, Set<RecordId> expected) {
        Set<RecordId> ended = invocations.stream().filter(Invocation::ok).map(Invocation::id)
                .collect(Collectors.toSet());
        Set<RecordId> missing = new HashSet<>(expected);
        missing.removeAll(ended);
        assertThat(missing).as("records never handled successfully (%d of %d)", missing.size(), expected.size())
                .isEmpty();
    }

    /**
     * Within each lane of {@code ordering}: a record's every attempt starts only after each earlier
     * record of the lane first ended well, and no two invocations of the lane overlap in time.
     */
    public static void assertLaneOrder(List<Invocation> invocations, Ordering ordering) {
        if (ordering == Ordering.UNORDERED) {
            return;
        }
        Map<Object, List<Invocation>> lanes = new HashMap<>();
        for (Invocation invocation : invocations) {
            Object lane = ordering == Ordering.PARTITION ? invocation.partition()
                    : invocation.key() == null ? null : List.of(invocation.partition(), invocation.key());
            if (lane != null) {
                lanes.computeIfAbsent(lane, k -> new ArrayList<>()).add(invocation);
            }
        }
        lanes.forEach((lane, laneInvocations) -> {
            assertStartsAfterEarlierRecordsEnded(lane, laneInvocations);
            assertNoOverlap(lane, laneInvocations);
        });
    }

    /** The most records handled successfully more than once; the caller compares it with its bound. */
    public static Set<RecordId> handledTwice(List<Invocation> invocations) {
        Map<RecordId, Integer> successes = new HashMap<>();
        for (Invocation invocation : invocations) {
            if (invocation.ok()) {
                successes.merge(invocation.id(), 1, Integer::sum);
            }
        }
        return successes.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static void assertStartsAfterEarlierRecordsEnded(Object lane, List<Invocation> laneInvocations) {
        TreeMap<Long, Long> firstOkEnd = new TreeMap<>();
        for (Invocation invocation : laneInvocations) {
            if (invocation.ok()) {
                firstOkEnd.merge(invocation.offset(), invocation.endNanos(), Math::min);
            }
        }
        long[] offsets = firstOkEnd.keySet().stream().mapToLong(Long::longValue).toArray();
        long[] prefixMaxEnd = new long[offsets.length];
        long max = Long.MIN_VALUE;
        int i = 0;
        for (long end : firstOkEnd.values()) {
            max = Math.max(max, end);
            prefixMaxEnd[i++] = max;
        }
        for (Invocation invocation : laneInvocations) {
            int before = lowerIndex(offsets, invocation.offset());
            if (before >= 0) {
                assertThat(invocation.startNanos())
                        .as("lane %s: %s started before an earlier record of its lane ended", lane, invocation)
                        .isGreaterThanOrEqualTo(prefixMaxEnd[before]);
            }
        }
    }

    private static void assertNoOverlap(Object lane, List<Invocation> laneInvocations) {
        List<Invocation> byStart = new ArrayList<>(laneInvocations);
        byStart.sort(Comparator.comparingLong(Invocation::startNanos));
        long maxEnd = Long.MIN_VALUE;
        Invocation holder = null;
        for (Invocation invocation : byStart) {
            Invocation previous = holder;
            assertThat(invocation.startNanos())
                    .as("lane %s: %s overlaps %s", lane, invocation, previous)
                    .isGreaterThanOrEqualTo(maxEnd);
            if (invocation.endNanos() > maxEnd) {
                maxEnd = invocation.endNanos();
                holder = invocation;
            }
        }
    }

    /** Index of the largest offset strictly below {@code offset}, or -1. */
    private static int lowerIndex(long[] sortedOffsets, long offset) {
        int low = 0;
        int high = sortedOffsets.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (sortedOffsets[mid] < offset) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }
}
