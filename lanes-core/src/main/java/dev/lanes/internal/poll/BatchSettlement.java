package dev.lanes.internal.poll;

import dev.lanes.LanesException;
import dev.lanes.RecordObserver;
import dev.lanes.RecordOutcome;
import dev.lanes.internal.failure.DeadLetterWrite;
import dev.lanes.internal.failure.RecordFailures;
import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.metrics.RecordObservers;
import dev.lanes.internal.schedule.Scheduler;
import dev.lanes.internal.work.Batch;
import dev.lanes.internal.work.Completion;
import dev.lanes.internal.work.Dispatcher;
import dev.lanes.internal.work.WorkItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes back what the workers hand back and settles each record: ended (its offset is marked in
 * the tracker, its lane may go on), failed (to {@link RecordFailures}: retried, skipped,
 * dead-lettered or the engine stops), or never started (back to the head of its lane). A record
 * of a partition given up meanwhile is dropped here: its next owner handles it. Dead-letter writes
 * come back the same way.
 *
 * <p>Confined to the poller thread; writes no state of its own. The only place a tracker learns
 * that a handled record ended, and the one that tells the {@link RecordObservers} of each
 * invocation and each record's end.
 */
final class BatchSettlement {
    private final PartitionLifecycle lifecycle;
    private final Dispatcher dispatcher;
    private final Scheduler scheduler;
    private final Backpressure backpressure;
    private final EngineStats stats;
    private final RecordFailures failures;
    private final RecordObservers observers;

    BatchSettlement(PartitionLifecycle lifecycle, Dispatcher dispatcher, Scheduler scheduler, Backpressure backpressure,
                    EngineStats stats, RecordFailures failures, RecordObservers observers) {
        this.observers = observers;
        this.lifecycle = lifecycle;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.backpressure = backpressure;
        this.stats = stats;
        this.failures = failures;
    }

    /** Settles every batch and dead-letter write handed back so far. */
    void takeBackFinished(long nowNanos) {
        Completion completion;
        while ((completion = dispatcher.inbox().poll()) != null) {
            if (completion instanceof Batch batch) {
                dispatcher.returned(batch, nowNanos);
                settle(batch, nowNanos);
            } else {
                DeadLetterWrite write = (DeadLetterWrite) completion;
                boolean current = lifecycle.isCurrent(write.item().partitionState());
                if (!current) {
                    lifecycle.orphanReturned(write.item().partitionState().topicPartition());
                }
                failures.writeReturned(write, current, nowNanos);
            }
        }
    }

    /** The error that must stop the engine, or {@code null}. */
    LanesException stopCause() {
        return failures.stopCause();
    }

    /**
     * Ends a record: its lane goes on, its offset is marked ended, its buffer is freed, and the
     * observers are told.
     */
    void end(WorkItem<?, ?> item, RecordOutcome outcome) {
        scheduler.ended(item);
        item.partitionState().tracker().markEnded(item.trackerHandle());
        backpressure.removed(item.partitionState(), item.bytes());
        RecordObserver observer = observers.current();
        if (observer != null) {
            observer.recordEnded(item, outcome, item.queuedNanos(), System.currentTimeMillis());
        }
    }

    private void settle(Batch batch, long nowNanos) {
        RecordObserver observer = observers.current();
        // A timed-out attempt ran until now, on the workers' clock (System.nanoTime, as they read it).
        long workerNow = observer == null ? 0 : System.nanoTime();
        List<WorkItem<?, ?>> unstarted = null;
        List<WorkItem<?, ?>> items = batch.items();
        int succeeded = 0;
        int firstAttempts = 0;
        for (int i = 0; i < items.size(); i++) {
            WorkItem<?, ?> item = items.get(i);
            if (!lifecycle.isCurrent(item.partitionState())) {
                lifecycle.orphanReturned(item.partitionState().topicPartition());
                continue; // the partition was given up meanwhile: its next owner handles the record
            }
            byte outcome = batch.outcome(i);
            if (outcome == Batch.NOT_STARTED && item.partitionState().isRevoked()) {
                scheduler.abandon(item); // skipped because its partition is leaving
                continue;
            }
            if (observer != null && outcome != Batch.NOT_STARTED) {
                observer.attemptEnded(item, item.handlerNanos(workerNow),
                        outcome == Batch.FAILED ? batch.firstError() : null);
            }
            if (outcome == Batch.ENDED) {
                end(item, RecordOutcome.OK);
                succeeded++;
                if (item.attempt() == 1) {
                    firstAttempts++;
                }
            } else if (outcome == Batch.FAILED) {
                item.handedAt(batch.handedNanos()); // in flight since then, through its retries (health)
                failures.failed(item, batch.firstError(), nowNanos);
            } else {
                if (unstarted == null) {
                    unstarted = new ArrayList<>();
                }
                unstarted.add(item);
            }
        }
        if (succeeded > 0) {
            stats.ended.add(succeeded);
            failures.succeeded(firstAttempts, nowNanos);
        }
        if (unstarted != null) {
            scheduler.returnUnstarted(unstarted);
        }
    }
}
