package dev.lanes.internal;

import java.util.ArrayDeque;

/**
 * A queue of records of one partition that the scheduler starts in its order: an ordered lane
 * (a partition in PARTITION mode, a key in KEY mode) lets one record, or one run of consecutive
 * records inside a single batch, be in flight at a time; an unordered lane lets any number go.
 *
 * <p>Confined to the poller thread.
 */
final class Lane {
    final PartitionState partition;
    /** The key this lane serves in its partition's key map; {@code null} for partition-wide lanes. */
    final Object key;
    final boolean ordered;
    /** Records not started yet, in offset order. */
    final ArrayDeque<WorkItem<?, ?>> queued = new ArrayDeque<>(4);
    /** Records claimed by a batch, or failed and waiting for a retry (they keep holding the lane). */
    int inFlight;
    /** Whether this lane sits in the scheduler's ready queue (at most once). */
    boolean inReadyQueue;

    Lane(PartitionState partition, Object key, boolean ordered) {
        this.partition = partition;
        this.key = key;
        this.ordered = ordered;
    }

    boolean canStart() {
        return !queued.isEmpty() && (!ordered || inFlight == 0) && !partition.isRevoked() && !partition.blocked;
    }

    boolean isIdle() {
        return queued.isEmpty() && inFlight == 0;
    }
}
