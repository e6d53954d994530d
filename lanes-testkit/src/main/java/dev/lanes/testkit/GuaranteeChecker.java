package dev.lanes.testkit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks Lanes' guarantees from the records' point of view, on the handler invocations a run
 * recorded, whatever produced them (one instance, several, a crash and a successor):
 *
 * <ul>
 *   <li>{@link #assertAtLeastOnce}: every expected record ended (handled well, or ended by its
 *       failure policy: dead-lettered or skipped);</li>
 *   <li>{@link #assertLaneOrder}: within each lane, a record's every attempt starts only after each
 *       earlier record of the lane ended, and no two invocations of the lane overlap in time;</li>
 *   <li>{@link #assertReplayedOnly}: the records ended more than once are among those the test
 *       allows to be replayed (e.g. none without a crash).</li>
 * </ul>
 *
 * Each check throws an {@link AssertionError} naming the first records that break it, and returns
 * the checker, so checks chain. Immutable; any thread.
 */
public final class GuaranteeChecker {
    private static final int NAMED_IN_MESSAGE = 10;

    private final List<Invocation> invocations;

    private GuaranteeChecker(List<Invocation> invocations) {
        this.invocations = invocations;
    }

    /**
     * @param invocations every invocation of the run, in any order
     * @return a checker of them
     */
    public static GuaranteeChecker of(Collection<Invocation> invocations) {
        return new GuaranteeChecker(List.copyOf(invocations));
    }

    /**
     * At least once: every expected record has an invocation that ended it.
     *
     * @param expected the records the run had to handle, e.g. those the test produced
     * @return this checker
     */
    public GuaranteeChecker assertAtLeastOnce(Collection<RecordId> expected) {
        Set<RecordId> ended = invocations.stream().filter(i -> i.outcome().endsRecord()).map(Invocation::id)
                .collect(Collectors.toSet());
        Set<RecordId> missing = new TreeSet<>(Comparator.comparing(RecordId::topic)
                .thenComparingInt(RecordId::partition).thenComparingLong(RecordId::offset));
        for (RecordId id : expected) {
            if (!ended.contains(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError(String.format("records never handled successfully (%d of %d): %s",
                    missing.size(), expected.size(), firstOf(missing)));
        }
        return this;
    }

    /**
     * Order per lane and no overlap within a lane: within each lane of {@code order}, every
     * invocation of a record starts only after each earlier record of the lane first ended, and
     * no two invocations of the lane overlap in time (retries included). A replay by a new owner,
     * after the lane moved on, keeps both rules.
     *
     * @param order the order the consumer was asked to keep
     * @return this checker
     */
    public GuaranteeChecker assertLaneOrder(LaneOrder order) {
        lanes(order).forEach((lane, laneInvocations) -> {
            assertStartsAfterEarlierRecordsEnded(lane, laneInvocations);
            assertNoOverlap(lane, laneInvocations);
        });
        return this;
    }

    /**
     * Stricter than {@link #assertLaneOrder}, for a run in which each partition had one owner and
     * nothing was replayed: each lane's invocations, taken in (offset, attempt) order, each
     * start at or after the previous one ended. So attempts run in their order too, and no attempt
     * of a record follows the first attempt of the next.
     *
     * @param order the order the consumer was asked to keep
     * @return this checker
     */
    public GuaranteeChecker assertLanesSequential(LaneOrder order) {
        lanes(order).forEach((lane, laneInvocations) -> {
            List<Invocation> inOrder = new ArrayList<>(laneInvocations);
            inOrder.sort(Comparator.comparingLong(Invocation::offset).thenComparingInt(Invocation::attempt));
            for (int i = 1; i < inOrder.size(); i++) {
                Invocation previous = inOrder.get(i - 1);
                Invocation next = inOrder.get(i);
                if (next.startNanos() < previous.endNanos()) {
                    throw new AssertionError(String.format("lane %s: %s started before %s ended",
                            lane, next, previous));
                }
            }
        });
        return this;
    }

    /**
     * Bounded replay: every record that ended more than once is one the test allows to be
     * replayed (e.g. those a killed instance ended after its last commit; none without a crash).
     *
     * @param replayable the records that may have ended more than once
     * @return this checker
     */
    public GuaranteeChecker assertReplayedOnly(Collection<RecordId> replayable) {
        Set<RecordId> unexpected = new LinkedHashSet<>(endedMoreThanOnce());
        unexpected.removeAll(Set.copyOf(replayable));
        if (!unexpected.isEmpty()) {
            throw new AssertionError(String.format("records handled more than once that may not be replayed"
                    + " (%d): %s", unexpected.size(), firstOf(unexpected)));
        }
        return this;
    }

    /**
     * No record ended more than once: {@code assertReplayedOnly(Set.of())}.
     *
     * @return this checker
     */
    public GuaranteeChecker assertNothingReplayed() {
        return assertReplayedOnly(Set.of());
    }

    /** @return the records that ended more than once (replayed), for a report or a bound of one's own */
    public Set<RecordId> endedMoreThanOnce() {
        Map<RecordId, Integer> ends = new HashMap<>();
        for (Invocation invocation : invocations) {
            if (invocation.outcome().endsRecord()) {
                ends.merge(invocation.id(), 1, Integer::sum);
            }
        }
        return ends.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private Map<Object, List<Invocation>> lanes(LaneOrder order) {
        Map<Object, List<Invocation>> lanes = new LinkedHashMap<>();
        for (Invocation invocation : invocations) {
            Object lane = order.laneOf(invocation);
            if (lane != null) {
                lanes.computeIfAbsent(lane, k -> new ArrayList<>()).add(invocation);
            }
        }
        return lanes;
    }

    private static void assertStartsAfterEarlierRecordsEnded(Object lane, List<Invocation> laneInvocations) {
        TreeMap<Long, Long> firstEnd = new TreeMap<>();
        for (Invocation invocation : laneInvocations) {
            if (invocation.outcome().endsRecord()) {
                firstEnd.merge(invocation.offset(), invocation.endNanos(), Math::min);
            }
        }
        // For each offset with an end: the latest first end among it and the offsets below it.
        TreeMap<Long, Long> latestEndUpTo = new TreeMap<>();
        long latest = Long.MIN_VALUE;
        for (Map.Entry<Long, Long> end : firstEnd.entrySet()) {
            latest = Math.max(latest, end.getValue());
            latestEndUpTo.put(end.getKey(), latest);
        }
        for (Invocation invocation : laneInvocations) {
            Map.Entry<Long, Long> earlier = latestEndUpTo.lowerEntry(invocation.offset());
            if (earlier != null && invocation.startNanos() < earlier.getValue()) {
                throw new AssertionError(String.format(
                        "lane %s: %s started before an earlier record of its lane ended", lane, invocation));
            }
        }
    }

    private static void assertNoOverlap(Object lane, List<Invocation> laneInvocations) {
        List<Invocation> byStart = new ArrayList<>(laneInvocations);
        byStart.sort(Comparator.comparingLong(Invocation::startNanos));
        long maxEnd = Long.MIN_VALUE;
        Invocation holder = null;
        for (Invocation invocation : byStart) {
            if (invocation.startNanos() < maxEnd) {
                throw new AssertionError(String.format("lane %s: %s overlaps %s", lane, invocation, holder));
            }
            maxEnd = invocation.endNanos();
            holder = invocation;
        }
    }

    private static String firstOf(Collection<RecordId> ids) {
        String first = ids.stream().limit(NAMED_IN_MESSAGE).map(RecordId::toString)
                .collect(Collectors.joining(", "));
        return ids.size() > NAMED_IN_MESSAGE ? first + ", …" : first;
    }
}
