package dev.lanes.internal;

import dev.lanes.internal.offsets.DecodedOffsets;
import dev.lanes.internal.offsets.OffsetTracker;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What this instance holds for one assigned partition: the records polled and not yet ended, their
 * lanes, the offset tracker, and what was last committed.
 *
 * <p>Confined to the poller thread, except {@link #isRevoked()}, which workers read to skip the
 * records of a partition that is being given up.
 */
final class PartitionState {
    final TopicPartition topicPartition;
    /** Offsets that a previous owner already ended (decoded from the committed metadata). */
    private final DecodedOffsets alreadyEnded;
    /** Most offsets of a previous owner's metadata carried into this owner's commits. */
    private static final int MAX_CARRIED_OFFSETS = 1 << 18;
    private volatile boolean revoked;

    /** Created with the first polled record, whose offset is where tracking starts. */
    OffsetTracker tracker;
    /** Records polled and not ended, and their serialized bytes (backpressure). */
    int bufferedRecords;
    long bufferedBytes;
    /** Records waiting in lanes, and records handed to workers and not back yet. */
    int queuedRecords;
    int runningRecords;
    boolean paused;
    /** True while records of this partition's previous state on this instance are still running. */
    boolean blocked;

    /** Last commit the broker acknowledged: {@code committedOffset < 0} when none. */
    long committedOffset = -1;
    String committedMetadata = "";
    /** The tracker as of the last commit sent, and as of the last one acknowledged. */
    TrackerSnapshot sentSnapshot;
    TrackerSnapshot acknowledgedSnapshot;

    private Lane orderedPartitionLane;
    private Lane unorderedPartitionLane;
    private final Map<Object, Lane> keyLanes = new HashMap<>();
    private static final int MIN_LANE_SWEEP_THRESHOLD = 4096;
    private int laneSweepThreshold = MIN_LANE_SWEEP_THRESHOLD;

    PartitionState(TopicPartition topicPartition, DecodedOffsets alreadyEnded) {
        this.topicPartition = topicPartition;
        this.alreadyEnded = alreadyEnded;
    }

    boolean isRevoked() {
        return revoked;
    }

    void markRevoked() {
        revoked = true;
    }

    boolean endedByPreviousOwner(long offset) {
        return alreadyEnded.contains(offset);
    }

    /**
     * The ended offsets above the committable one: the tracker's, plus those the previous owner
     * ended that this one has not polled yet. Without the latter, a commit made before polling
     * reached them would stop naming them, and the next owner would handle them again.
     */
    long[] endedAboveCommittable() {
        long[] own = tracker.endedAboveCommittable();
        long polledUpTo = tracker.lastTrackedOffset();
        if (alreadyEnded.highest() <= polledUpTo) {
            return own;
        }
        long[] carried = alreadyEnded.endedAbove(Math.max(polledUpTo, tracker.committableOffset()),
                MAX_CARRIED_OFFSETS);
        if (carried == null || carried.length == 0) {
            return own;
        }
        long[] all = new long[own.length + carried.length];
        System.arraycopy(own, 0, all, 0, own.length);
        System.arraycopy(carried, 0, all, own.length, carried.length);
        return all;
    }

    OffsetTracker trackerStartingAt(long offset) {
        if (tracker == null) {
            tracker = new OffsetTracker(offset);
        }
        return tracker;
    }

    Lane partitionLane(boolean ordered) {
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

    Lane keyLane(Object key) {
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
    void sweepIdleLanes(boolean always) {
        if (always || keyLanes.size() > laneSweepThreshold) {
            keyLanes.values().removeIf(Lane::isIdle);
            laneSweepThreshold = Math.max(MIN_LANE_SWEEP_THRESHOLD, 2 * keyLanes.size());
        }
    }

    void forEachLane(java.util.function.Consumer<Lane> action) {
        if (orderedPartitionLane != null) {
            action.accept(orderedPartitionLane);
        }
        if (unorderedPartitionLane != null) {
            action.accept(unorderedPartitionLane);
        }
        keyLanes.values().forEach(action);
    }

    int keyLaneCount() {
        return keyLanes.size();
    }

    @Override
    public String toString() {
        return topicPartition.toString();
    }
}
