package dev.lanes.internal.work;

import dev.lanes.internal.limit.ConcurrencyLimit;
import dev.lanes.internal.metrics.RecordObservers;
import dev.lanes.internal.schedule.BatchSizer;
import dev.lanes.internal.schedule.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands runnable records to the executor, as batches, within the concurrency limit; and frees a
 * slot when a batch comes back through the {@link Inbox}, telling the batch sizer and the limit
 * how it went.
 *
 * <p>Confined to the poller thread. Writes the counts of batches and records out and the list of
 * batches out (each batch's hand-off time and links; only it does), and is the only caller of
 * {@link BatchSizer#recordBatch} and {@link ConcurrencyLimit#ended}.
 */
public final class Dispatcher {
    private final Scheduler scheduler;
    private final BatchSizer sizer;
    private final ConcurrencyLimit limit;
    private final BatchFactory batches;
    private final Executor executor;
    private final Inbox inbox = new Inbox();
    /** {@code null} when the handler timeout is off. */
    private final HandlerWatchdog watchdog;
    private final RecordObservers observers;
    private int batchesOut;
    /** The batches out, linked through themselves: no allocation, O(1) in and out. */
    private Batch firstOut;
    /** Records in the batches out (their handlers running, or waiting behind another of their batch). */
    private int recordsOut;

    public Dispatcher(Scheduler scheduler, BatchSizer sizer, ConcurrencyLimit limit, BatchFactory batches,
                      Executor executor) {
        this(scheduler, sizer, limit, batches, executor, null);
    }

    /** @param watchdog ends records that run past the handler timeout; {@code null} when it is off */
    public Dispatcher(Scheduler scheduler, BatchSizer sizer, ConcurrencyLimit limit, BatchFactory batches,
                      Executor executor, HandlerWatchdog watchdog) {
        this(scheduler, sizer, limit, batches, executor, watchdog, RecordObservers.none());
    }

    /**
     * @param watchdog ends records that run past the handler timeout; {@code null} when it is off
     * @param observers while there are any, each batch times its records for them
     */
    public Dispatcher(Scheduler scheduler, BatchSizer sizer, ConcurrencyLimit limit, BatchFactory batches,
                      Executor executor, HandlerWatchdog watchdog, RecordObservers observers) {
        this.observers = observers;
        this.watchdog = watchdog;
        this.scheduler = scheduler;
        this.sizer = sizer;
        this.limit = limit;
        this.batches = batches;
        this.executor = executor;
    }

    /** Starts what the scheduler allows at {@code nowNanos}, as long as the limit has room. */
    public void startWork(long nowNanos) {
        int free = limit.available(batchesOut, nowNanos);
        // One size for the whole round: recomputed per batch, an even spread of what is left
        // would halve at every batch and end in a trail of tiny ones.
        int size = sizer.batchSize(scheduler.queuedRecords(), free, limit.limit());
        // A slow handler's batch holds one lane's records: a hung record holds back no other key.
        boolean oneLane = sizer.handlerMayBeSlow();
        while (free > 0 && scheduler.hasReadyWork(nowNanos)) {
            List<WorkItem<?, ?>> items = new ArrayList<>(size);
            scheduler.fill(items, size, nowNanos, oneLane);
            if (items.isEmpty()) {
                return;
            }
            batchesOut++;
            recordsOut += items.size();
            free--;
            Batch batch = batches.create(items, inbox);
            batch.handedNanos = nowNanos;
            linkOut(batch);
            if (observers.current() != null) {
                batch.timeRecords();
            }
            hand(batch);
        }
    }

    /** An executor that refuses a batch fails its first record (a failed attempt), never the engine. */
    private void hand(Batch batch) {
        if (watchdog != null) {
            watchdog.watch(batch);
        }
        try {
            executor.execute(batch);
        } catch (RejectedExecutionException e) {
            batch.rejected(e);
        }
    }

    /** A batch came back: its slot is free again. */
    public void returned(Batch batch, long nowNanos) {
        if (watchdog != null) {
            watchdog.unwatch(batch);
        }
        batchesOut--;
        unlinkOut(batch);
        recordsOut -= batch.items().size();
        sizer.recordBatch(batch.elapsedNanos(), batch.started());
        limit.ended(batch.elapsedNanos(), batch.started(), batch.firstError() != null, nowNanos);
    }

    /** Whether a record could start now: a slot is free and a lane or a retry is ready. */
    public boolean canStartWork(long nowNanos) {
        return limit.available(batchesOut, nowNanos) > 0 && scheduler.hasReadyWork(nowNanos);
    }

    /** When the limit may let more start without a batch coming back; {@code Long.MAX_VALUE} if never. */
    public long nanosUntilDue(long nowNanos) {
        return limit.nanosUntilDue(nowNanos);
    }

    /**
     * Every record of the batches out that has not returned yet, with the time it is in flight
     * since (health sampling); false when the visitor stopped.
     */
    public boolean forEachInFlight(InFlight visitor) {
        for (Batch batch = firstOut; batch != null; batch = batch.nextOut) {
            if (!batch.forEachInFlight(visitor)) {
                return false;
            }
        }
        return true;
    }

    private void linkOut(Batch batch) {
        batch.nextOut = firstOut;
        if (firstOut != null) {
            firstOut.previousOut = batch;
        }
        firstOut = batch;
    }

    private void unlinkOut(Batch batch) {
        if (batch.previousOut != null) {
            batch.previousOut.nextOut = batch.nextOut;
        } else if (firstOut == batch) {
            firstOut = batch.nextOut;
        }
        if (batch.nextOut != null) {
            batch.nextOut.previousOut = batch.previousOut;
        }
        batch.previousOut = null;
        batch.nextOut = null;
    }

    public int batchesOut() {
        return batchesOut;
    }

    public int recordsOut() {
        return recordsOut;
    }

    public Inbox inbox() {
        return inbox;
    }
}
