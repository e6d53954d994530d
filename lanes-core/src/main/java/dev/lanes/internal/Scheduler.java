package dev.lanes.internal;

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
 * Confined to the poller thread; time comes in as an argument.
 */
final class Scheduler {
    private final ArrayDeque<Lane> ready = new ArrayDeque<>();
    private final PriorityQueue<WorkItem<?, ?>> retries =
            new PriorityQueue<>(Comparator.comparingLong(item -> item.dueNanos));
    private int queuedRecords;

    void enqueue(WorkItem<?, ?> item) {
        Lane lane = item.lane;
        lane.queued.addLast(item);
        lane.partition.queuedRecords++;
        queuedRecords++;
        offerReady(lane);
    }

    /**
     * Moves up to {@code max} records that may start at {@code nowNanos} into {@code batch}: due
     * retries first (they already hold their lanes), then lanes in round-robin order, all of one
     * partition. An ordered lane contributes a run of consecutive records, which the batch runs
     * one after another.
     */
    void fill(List<WorkItem<?, ?>> batch, int max, long nowNanos) {
        while (batch.size() < max && !retries.isEmpty() && retries.peek().dueNanos - nowNanos <= 0) {
            if (otherPartition(batch, retries.peek().partition)) {
                return;
            }
            WorkItem<?, ?> item = retries.poll();
            if (!item.partition.isRevoked()) {
                item.partition.runningRecords++;
                batch.add(item);
            }
        }
        while (batch.size() < max) {
            Lane lane = ready.peekFirst();
            if (lane == null) {
                return;
            }
            if (lane.canStart() && otherPartition(batch, lane.partition)) {
                return; // the lane keeps its place, at the head, for the next batch
            }
            ready.pollFirst();
            lane.inReadyQueue = false;
            if (!lane.canStart()) {
                continue;
            }
            int take = Math.min(lane.queued.size(), max - batch.size());
            for (int i = 0; i < take; i++) {
                batch.add(lane.queued.pollFirst());
            }
            lane.inFlight += take;
            lane.partition.queuedRecords -= take;
            lane.partition.runningRecords += take;
            queuedRecords -= take;
            offerReady(lane);
        }
    }

    /**
     * Whether a record of {@code partition} would join a batch of another partition. A batch
     * holds one partition's records: a revocation waits for the records of the leaving
     * partitions that a batch has claimed, and behind a slow record of a partition that stays it
     * would wait for nothing.
     */
    private static boolean otherPartition(List<WorkItem<?, ?>> batch, PartitionState partition) {
        return !batch.isEmpty() && batch.get(0).partition != partition;
    }

    /** The record ended: its lane may start its next record. */
    void ended(WorkItem<?, ?> item) {
        Lane lane = item.lane;
        lane.inFlight--;
        lane.partition.runningRecords--;
        offerReady(lane);
        lane.partition.sweepIdleLanes(false);
    }

    /** The record failed: it keeps its lane and becomes runnable again at {@code dueNanos}. */
    void retryAt(WorkItem<?, ?> item, long dueNanos) {
        item.dueNanos = dueNanos;
        item.partition.runningRecords--;
        retries.add(item);
    }

    /** Records of a batch that never started (an earlier one failed): back to the head of their lanes, in order. */
    void returnUnstarted(List<WorkItem<?, ?>> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            WorkItem<?, ?> item = items.get(i);
            Lane lane = item.lane;
            lane.queued.addFirst(item);
            lane.inFlight--;
            lane.partition.runningRecords--;
            lane.partition.queuedRecords++;
            queuedRecords++;
        }
        for (WorkItem<?, ?> item : items) {
            offerReady(item.lane);
        }
    }

    /** A record of a leaving partition came back unstarted: it stays un-ended, for the next owner. */
    void abandon(WorkItem<?, ?> item) {
        item.lane.inFlight--;
        item.partition.runningRecords--;
    }

    /** A revoked or lost partition's queued records are gone; its lanes are skipped from now on. */
    void forget(PartitionState partition) {
        queuedRecords -= partition.queuedRecords;
        partition.queuedRecords = 0;
    }

    int queuedRecords() {
        return queuedRecords;
    }

    boolean hasReadyWork(long nowNanos) {
        return !ready.isEmpty() || (!retries.isEmpty() && retries.peek().dueNanos - nowNanos <= 0);
    }

    /** Nanoseconds until the next retry is due, or {@code Long.MAX_VALUE} when none waits. */
    long nanosUntilNextRetry(long nowNanos) {
        WorkItem<?, ?> next = retries.peek();
        return next == null ? Long.MAX_VALUE : Math.max(0, next.dueNanos - nowNanos);
    }

    void offerReady(Lane lane) {
        if (!lane.inReadyQueue && lane.canStart()) {
            lane.inReadyQueue = true;
            ready.addLast(lane);
        }
    }
}
