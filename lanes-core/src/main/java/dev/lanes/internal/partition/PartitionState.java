package dev.lanes.internal.partition;

import dev.lanes.internal.commit.CommitRecord;
import dev.lanes.internal.offsets.DecodedOffsets;
import dev.lanes.internal.offsets.EndedRuns;
import dev.lanes.internal.offsets.OffsetTracker;
import dev.lanes.internal.poll.BufferShare;
import dev.lanes.internal.poll.Ownership;
import dev.lanes.internal.schedule.Lane;
import dev.lanes.internal.schedule.PartitionLoad;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What this instance holds for one assigned partition. Each piece has one writer, and the pieces
 * that other stages write are small objects those stages own (their setters are visible only in
 * the owner's package):
 * <ul>
 *   <li>the offset tracker and the previous owner's ended offsets: created here, the tracker fed
 *       by the poll stage ({@code RecordIntake} tracks, {@code BatchSettlement} ends); the last
 *       leader epoch, written here when {@code RecordIntake} reports a record;
 *   <li>the lanes ({@link #partitionLane}, {@link #keyLane}, the sweep): written here;
 *   <li>{@link Ownership} (revoked, blocked): written by {@code PartitionLifecycle};
 *   <li>{@link BufferShare} (records and bytes held, paused): written by {@code Backpressure};
 *   <li>{@link PartitionLoad} (records queued and running): written by the {@code Scheduler};
 *   <li>{@link CommitRecord} (last commit sent and acknowledged): written by the {@code CommitManager}.
 * </ul>
 *
 * <p>Confined to the poller thread, except {@link #isRevoked()}, which workers read to skip the
 * records of a partition that is being given up.
 */
public final class PartitionState {
    private static final int MIN_LANE_SWEEP_THRESHOLD = 4096;

    private final TopicPartition topicPartition;
    /** Offsets that a previous owner already ended (decoded from the committed metadata). */
    private final DecodedOffsets alreadyEnded;
    private final Ownership ownership = new Ownership();
    private final BufferShare buffer = new BufferShare();
    private final PartitionLoad load = new PartitionLoad();
    private final CommitRecord commits = new CommitRecord();
    /** Created with the first polled record, whose offset is where tracking starts. */
    private OffsetTracker tracker;
    /** The leader epoch of the last record polled, -1 when unknown (committed with the offset, for KIP-320). */
    private int leaderEpoch = -1;

    private Lane orderedPartitionLane;
    private Lane unorderedPartitionLane;
    private final Map<Object, Lane> keyLanes = new HashMap<>();
    private int laneSweepThreshold = MIN_LANE_SWEEP_THRESHOLD;

    public PartitionState(TopicPartition topicPartition, DecodedOffsets alreadyEnded) {
        this.topicPartition = topicPartition;
        this.alreadyEnded = alreadyEnded;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    /** Any thread: whether the partition is being given up (no record of it may start). */
    public boolean isRevoked() {
        return ownership.isRevoked();
    }

    public Ownership ownership() {
        return ownership;
    }

    public BufferShare buffer() {
        return buffer;
    }

    public PartitionLoad load() {
        return load;
    }

    public CommitRecord commits() {
        return commits;
    }

    /** The offset tracker, or {@code null} before the first record was polled. */
    public OffsetTracker tracker() {
        return tracker;
    }

    public OffsetTracker trackerStartingAt(long offset) {
        if (tracker == null) {
            tracker = new OffsetTracker(offset);
        }
        return tracker;
    }

    /** Poller thread ({@code RecordIntake}): the leader epoch of a record just polled. */
    public void polledUnder(Optional<Integer> epoch) {
        if (epoch.isPresent()) {
            leaderEpoch = epoch.get();
        }
    }

    /**
     * The leader epoch to commit with: the last polled record's, as a {@code KafkaConsumer} commits
     * its position, so that a new owner resuming there gets Kafka's check of the log against its
     * leader (KIP-320).
     */
    public Optional<Integer> leaderEpoch() {
        return leaderEpoch < 0 ? Optional.empty() : Optional.of(leaderEpoch);
    }

    public boolean endedByPreviousOwner(long offset) {
        return alreadyEnded.contains(offset);
    }

    /**
     * The ended offsets above the committable one: the tracker's, plus those the previous owner
     * ended that this one has not polled yet. Without the latter, a commit made before polling
     * reached them would stop naming them, and the next owner would handle them again. The
     * previous owner's stay runs (a million of them in one run cost two longs).
     */
    public EndedRuns endedAboveCommittable() {
        EndedRuns own = EndedRuns.ofAscending(tracker.endedAboveCommittable());
        long polledUpTo = tracker.lastTrackedOffset();
        if (alreadyEnded.highest() <= polledUpTo) {
            return own;
        }
        return own.followedBy(alreadyEnded.endedAbove(Math.max(polledUpTo, tracker.committableOffset())));
    }

    /** The partition's one lane: ordered (PARTITION order, or null keys when ordered) or not. */
    public Lane partitionLane(boolean ordered) {
        if (ordered) {
            if (orderedPartitionLane == null) {
                orderedPartitionLane = new Lane(this, null, true);
            }
            return orderedPartitionLane;
        }
        if (unorderedPartitionLane == null) {
            unorderedPartitionLane = new Lane(this, null, false);
        }
        return unorderedPartitionLane;
    }

    /** The ordered lane of one key; {@code key} must compare by content ({@link LaneStrategy}). */
    public Lane keyLane(Object key) {
        Lane lane = keyLanes.get(key);
        if (lane == null) {
            lane = new Lane(this, key, true);
            keyLanes.put(key, lane);
        }
        return lane;
    }

    /**
     * Forgets idle key lanes once they are many, so that memory follows the buffer, not the key
     * space. Sweeping in bulk, rather than dropping each lane as it empties, spares the hot path
     * a map removal and a new lane for every record of a key that recurs soon.
     */
    public void sweepIdleLanes(boolean always) {
        if (always || keyLanes.size() > laneSweepThreshold) {
            keyLanes.values().removeIf(Lane::isIdle);
            laneSweepThreshold = Math.max(MIN_LANE_SWEEP_THRESHOLD, 2 * keyLanes.size());
        }
    }

    public void forEachLane(Consumer<Lane> action) {
        if (orderedPartitionLane != null) {
            action.accept(orderedPartitionLane);
        }
        if (unorderedPartitionLane != null) {
            action.accept(unorderedPartitionLane);
        }
        keyLanes.values().forEach(action);
    }

    public int keyLaneCount() {
        return keyLanes.size();
    }

    @Override
    public String toString() {
        return topicPartition.toString();
    }
}
