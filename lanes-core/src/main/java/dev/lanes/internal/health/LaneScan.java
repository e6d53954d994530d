package dev.lanes.internal.health;

import dev.lanes.LanesHealth.HotKey;
import dev.lanes.internal.schedule.Lane;
import dev.lanes.internal.work.WorkItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * One look at the lanes with queued records: keeps the few holding the most, and the few whose
 * first queued record has waited longest. Counts its visits so the sampler can stop between
 * partitions. Built and used by the {@link HealthSampler} on the poller thread, for one sample.
 */
final class LaneScan implements Consumer<Lane> {
    /** A lane's figures as seen now (the lane itself changes after the look). */
    private record Seen(Lane lane, WorkItem<?, ?> head, int queued, int inFlight) {
        long headPolledNanos() {
            return head.polledNanos();
        }
    }

    private static final Comparator<Seen> MOST_QUEUED = Comparator.comparingInt(Seen::queued).reversed()
            .thenComparingLong(Seen::headPolledNanos);
    private static final Comparator<Seen> LONGEST_WAITING = Comparator.comparingLong(Seen::headPolledNanos)
            .thenComparing(Comparator.comparingInt(Seen::queued).reversed());

    private final long nowNanos;
    private final TopN<Seen> mostQueued;
    private final TopN<Seen> longestWaiting;
    private int visits;

    LaneScan(long nowNanos, int listSize) {
        this.nowNanos = nowNanos;
        this.mostQueued = new TopN<>(listSize, MOST_QUEUED);
        this.longestWaiting = new TopN<>(listSize, LONGEST_WAITING);
    }

    @Override
    public void accept(Lane lane) {
        visits++;
        WorkItem<?, ?> head = lane.head();
        if (head == null) {
            return;
        }
        Seen seen = new Seen(lane, head, lane.queuedRecords(), lane.inFlight());
        mostQueued.offer(seen);
        longestWaiting.offer(seen);
    }

    int visits() {
        return visits;
    }

    List<HotKey> mostQueued() {
        return describe(mostQueued.sorted());
    }

    List<HotKey> longestWaiting() {
        return describe(longestWaiting.sorted());
    }

    private List<HotKey> describe(List<Seen> lanes) {
        List<HotKey> keys = new ArrayList<>(lanes.size());
        for (Seen seen : lanes) {
            WorkItem<?, ?> head = seen.head();
            // A lane without a key is the partition's (PARTITION, UNORDERED, null keys): no key to name.
            String key = seen.lane().key() == null ? null : KeyText.of(head.rawRecord().key());
            keys.add(new HotKey(head.topic(), head.partition(), key, seen.queued(), seen.inFlight(),
                    Duration.ofNanos(nowNanos - seen.headPolledNanos())));
        }
        return keys;
    }
}
