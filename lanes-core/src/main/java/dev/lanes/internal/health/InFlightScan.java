package dev.lanes.internal.health;

import dev.lanes.LanesHealth.InFlightRecord;
import dev.lanes.internal.work.InFlight;
import dev.lanes.internal.work.WorkItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One look at the records in flight: counts those in flight for at least the stuck threshold and
 * keeps the oldest few. Stops after {@code maxVisits} records. Built and used by the
 * {@link HealthSampler} on the poller thread, for one sample.
 */
final class InFlightScan implements InFlight {
    private record Seen(WorkItem<?, ?> item, long sinceNanos) {
    }

    private static final Comparator<Seen> OLDEST_FIRST = Comparator.comparingLong(Seen::sinceNanos)
            .thenComparing(seen -> seen.item().topic())
            .thenComparingInt(seen -> seen.item().partition())
            .thenComparingLong(seen -> seen.item().offset());

    private final long nowNanos;
    private final long stuckAfterNanos;
    private final int maxVisits;
    private final TopN<Seen> oldest;
    private int visits;
    private int stuckCount;

    InFlightScan(long nowNanos, Duration stuckAfter, int listSize, int maxVisits) {
        this.nowNanos = nowNanos;
        this.stuckAfterNanos = stuckAfter.toNanos();
        this.maxVisits = maxVisits;
        this.oldest = new TopN<>(listSize, OLDEST_FIRST);
    }

    @Override
    public boolean inFlight(WorkItem<?, ?> item, long sinceNanos) {
        if (visits >= maxVisits) {
            return false;
        }
        visits++;
        if (nowNanos - sinceNanos >= stuckAfterNanos) {
            stuckCount++;
        }
        oldest.offer(new Seen(item, sinceNanos));
        return true;
    }

    /** Whether it stopped before seeing every record in flight. */
    boolean stoppedEarly() {
        return visits >= maxVisits;
    }

    int stuckCount() {
        return stuckCount;
    }

    Optional<InFlightRecord> oldest() {
        List<Seen> sorted = oldest.sorted();
        return sorted.isEmpty() ? Optional.empty() : Optional.of(describe(sorted.get(0)));
    }

    /** The oldest records in flight for at least the threshold, oldest first. */
    List<InFlightRecord> stuck() {
        List<InFlightRecord> stuck = new ArrayList<>();
        for (Seen seen : oldest.sorted()) {
            if (nowNanos - seen.sinceNanos() >= stuckAfterNanos) {
                stuck.add(describe(seen));
            }
        }
        return stuck;
    }

    private InFlightRecord describe(Seen seen) {
        WorkItem<?, ?> item = seen.item();
        return new InFlightRecord(item.topic(), item.partition(), item.offset(), KeyText.of(item.rawRecord().key()),
                Duration.ofNanos(nowNanos - seen.sinceNanos()), item.attempt());
    }
}
