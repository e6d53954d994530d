package dev.lanes.internal.schedule;

import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.work.InFlight;
import dev.lanes.internal.work.WorkItem;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Chooses which records may start now. Lanes that can start wait in a FIFO ready queue and are
 * served round-robin, so a deep lane (a hot key or partition) gets one turn per round like every
 * other: nothing starves, and a step costs O(1) per record, whatever the backlog. Failed records
 * wait in a queue ordered by due time while still holding their lane.
 *
 * <p>The concurrency limit is the caller's: it asks for a batch only when a slot is free.
 * Confined to the poller thread; time comes in as an argument. Writes the lanes' queues and
 * counts ({@link Lane}) and each partition's {@link PartitionLoad}, and nothing else does.
 */
public final class Scheduler {
    private final ArrayDeque<Lane> ready = new ArrayDeque<>();
    private final PriorityQueue<Retry> retries = new PriorityQueue<>(Comparator.comparingLong(Retry::dueNanos));
    private int queuedRecords;

    /** A failed record that may start again at {@code dueNanos}. */
    private record Retry(WorkItem<?, ?> item, long dueNanos) {
    }

    public void enqueue(WorkItem<?, ?> item) {
        Lane lane = item.lane();
        lane.queue().addLast(item);
        item.partitionState().load().queuedDelta(1);
        queuedRecords++;
        offerReady(lane);
    }

    /**
     * Moves up to {@code max} records that may start at {@code nowNanos} into {@code batch}: due
     * retries first (they already hold their lanes), then lanes in round-robin order, all of one
     * partition. An ordered lane contributes a run of consecutive records, which the batch runs
     * one after another.
     *
     * <p>With {@code oneLane}, the records of one lane only: a run of an ordered lane (records that
     * would wait for each other anyway), or a single record of an unordered one. A slow handler's
     * batches are filled so: a record that hangs then holds back only the records of its own key or
     * partition, never another key's (issue 13).
     */
    public void fill(List<WorkItem<?, ?>> batch, int max, long nowNanos, boolean oneLane) {
        while (batch.size() < max && !retries.isEmpty() && retries.peek().dueNanos() - nowNanos <= 0) {
            if (otherPartition(batch, retries.peek().item().partitionState())) {
                return;
            }
            WorkItem<?, ?> item = retries.poll().item();
            if (!item.partitionState().isRevoked()) {
                item.partitionState().load().runningDelta(1);
                batch.add(item);
                if (oneLane) {
                    return;
                }
            }
        }
        while (batch.size() < max) {
            Lane lane = ready.peekFirst();
            if (lane == null) {
                return;
            }
            if (lane.canStart() && otherPartition(batch, lane.partition())) {
                return; // the lane keeps its place, at the head, for the next batch
            }
            ready.pollFirst();
            lane.inReadyQueue(false);
            if (!lane.canStart()) {
                continue;
            }
            int take = Math.min(oneLane && !lane.isOrdered() ? 1 : lane.queuedRecords(), max - batch.size());
            for (int i = 0; i < take; i++) {
                batch.add(lane.queue().pollFirst());
            }
            lane.inFlightDelta(take);
            lane.partition().load().queuedDelta(-take);
            lane.partition().load().runningDelta(take);
            queuedRecords -= take;
            offerReady(lane);
            if (oneLane) {
                return;
            }
        }
    }

    /**
     * Whether a record of {@code partition} would join a batch of another partition. A batch
     * holds one partition's records: a revocation waits for the records of the leaving
     * partitions that a batch has claimed, and behind a slow record of a partition that stays it
     * would wait for nothing.
     */
    private static boolean otherPartition(List<WorkItem<?, ?>> batch, PartitionState partition) {
        return !batch.isEmpty() && batch.get(0).partitionState() != partition;
    }

    /** The record ended: its lane may start its next record. */
    public void ended(WorkItem<?, ?> item) {
        Lane lane = item.lane();
        lane.inFlightDelta(-1);
        lane.partition().load().runningDelta(-1);
        offerReady(lane);
        lane.partition().sweepIdleLanes(false);
    }

    /** The record failed: it keeps its lane and becomes runnable again at {@code dueNanos}. */
    public void retryAt(WorkItem<?, ?> item, long dueNanos) {
        item.partitionState().load().runningDelta(-1);
        retries.add(new Retry(item, dueNanos));
    }

    /**
     * The record failed its last attempt: it no longer runs, but keeps holding its lane and stays
     * un-ended, so nothing passes it and nothing loses it.
     */
    public void exhausted(WorkItem<?, ?> item) {
        item.partitionState().load().runningDelta(-1);
    }

    /** Records of a batch that never started (an earlier one failed): back to the head of their lanes, in order. */
    public void returnUnstarted(List<WorkItem<?, ?>> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            WorkItem<?, ?> item = items.get(i);
            Lane lane = item.lane();
            lane.queue().addFirst(item);
            lane.inFlightDelta(-1);
            lane.partition().load().runningDelta(-1);
            lane.partition().load().queuedDelta(1);
            queuedRecords++;
        }
        for (WorkItem<?, ?> item : items) {
            offerReady(item.lane());
        }
    }

    /** A record of a leaving partition came back unstarted: it stays un-ended, for the next owner. */
    public void abandon(WorkItem<?, ?> item) {
        item.lane().inFlightDelta(-1);
        item.partitionState().load().runningDelta(-1);
    }

    /** A revoked or lost partition's queued records are gone; its lanes are skipped from now on. */
    public void forget(PartitionState partition) {
        queuedRecords -= partition.load().queued();
        partition.load().queuedDelta(-partition.load().queued());
    }

    /** A partition's earlier state no longer runs anything: its lanes may start again. */
    public void unblocked(PartitionState partition) {
        partition.forEachLane(this::offerReady);
    }

    /** The records waiting for a retry (health sampling); they are in flight since their first hand-off. */
    public boolean forEachRetry(InFlight visitor) {
        for (Retry retry : retries) {
            if (!visitor.inFlight(retry.item(), retry.item().firstHandedNanos())) {
                return false;
            }
        }
        return true;
    }

    public int queuedRecords() {
        return queuedRecords;
    }

    public boolean hasReadyWork(long nowNanos) {
        return !ready.isEmpty() || (!retries.isEmpty() && retries.peek().dueNanos() - nowNanos <= 0);
    }

    /** Nanoseconds until the next retry is due, or {@code Long.MAX_VALUE} when none waits. */
    public long nanosUntilDue(long nowNanos) {
        Retry next = retries.peek();
        return next == null ? Long.MAX_VALUE : Math.max(0, next.dueNanos() - nowNanos);
    }

    private void offerReady(Lane lane) {
        if (!lane.inReadyQueue() && lane.canStart()) {
            lane.inReadyQueue(true);
            ready.addLast(lane);
        }
    }
}
