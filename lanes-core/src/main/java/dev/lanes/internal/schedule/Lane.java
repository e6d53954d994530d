package dev.lanes.internal.schedule;

import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.work.WorkItem;
import java.util.ArrayDeque;

/**
 * A queue of records of one partition that the scheduler starts in its order: an ordered lane
 * (a partition in PARTITION mode, a key in KEY mode) lets one record, or one run of consecutive
 * records inside a single batch, be in flight at a time; an unordered lane lets any number go.
 *
 * <p>Created by its {@link PartitionState}; its mutable state is written only by the
 * {@link Scheduler}. Confined to the poller thread.
 */
public final class Lane {
    private final PartitionState partition;
    /** The key this lane serves in its partition's key map; {@code null} for partition-wide lanes. */
    private final Object key;
    private final boolean ordered;
    /** Records not started yet, in offset order. */
    private final ArrayDeque<WorkItem<?, ?>> queued = new ArrayDeque<>(4);
    /** Records claimed by a batch, or failed and waiting for a retry (they keep holding the lane). */
    private int inFlight;
    /** Whether this lane sits in the scheduler's ready queue (at most once). */
    private boolean inReadyQueue;

    public Lane(PartitionState partition, Object key, boolean ordered) {
        this.partition = partition;
        this.key = key;
        this.ordered = ordered;
    }

    public PartitionState partition() {
        return partition;
    }

    public Object key() {
        return key;
    }

    public boolean isOrdered() {
        return ordered;
    }

    public int queuedRecords() {
        return queued.size();
    }

    /** The first record queued (the next to start), or {@code null}. */
    public WorkItem<?, ?> head() {
        return queued.peekFirst();
    }

    public int inFlight() {
        return inFlight;
    }

    public boolean canStart() {
        return !queued.isEmpty() && (!ordered || inFlight == 0) && !partition.isRevoked()
                && !partition.ownership().isBlocked();
    }

    public boolean isIdle() {
        return queued.isEmpty() && inFlight == 0;
    }

    // ---- the scheduler's ----

    ArrayDeque<WorkItem<?, ?>> queue() {
        return queued;
    }

    void inFlightDelta(int delta) {
        inFlight += delta;
    }

    boolean inReadyQueue() {
        return inReadyQueue;
    }

    void inReadyQueue(boolean in) {
        inReadyQueue = in;
    }
}
