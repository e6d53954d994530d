package dev.lanes.internal.poll;

import dev.lanes.LanesException;
import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.schedule.RetryBackoff;
import dev.lanes.internal.schedule.Scheduler;
import dev.lanes.internal.work.Batch;
import dev.lanes.internal.work.Dispatcher;
import dev.lanes.internal.work.WorkItem;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes finished batches back from the workers and settles each record: ended (its offset is
 * marked in the tracker, its lane may go on), failed (retried after a back-off, holding its lane,
 * or — after its last attempt — the engine stops), or never started (back to the head of its
 * lane). A record of a partition given up meanwhile is dropped here: its next owner handles it.
 *
 * <p>Confined to the poller thread. The only writer of a record's attempt count and of the stop
 * cause; the only place a tracker learns that a handled record ended.
 */
final class BatchSettlement {
    private static final Logger log = LoggerFactory.getLogger(BatchSettlement.class);

    private final PartitionLifecycle lifecycle;
    private final Dispatcher dispatcher;
    private final Scheduler scheduler;
    private final Backpressure backpressure;
    private final EngineStats stats;
    private final RetryBackoff backoff;
    /** 0: unbounded. */
    private final int maxAttempts;
    private final SplittableRandom random;
    /** A record that failed its last attempt: the engine stops. */
    private LanesException exhausted;

    BatchSettlement(PartitionLifecycle lifecycle, Dispatcher dispatcher, Scheduler scheduler, Backpressure backpressure,
                    EngineStats stats, RetryBackoff backoff, int maxAttempts, SplittableRandom random) {
        this.lifecycle = lifecycle;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.backpressure = backpressure;
        this.stats = stats;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    /** Settles every batch the workers handed back so far. */
    void takeBackFinished(long nowNanos) {
        Batch batch;
        while ((batch = dispatcher.inbox().poll()) != null) {
            dispatcher.returned(batch, nowNanos);
            settle(batch, nowNanos);
        }
    }

    /** The error that must stop the engine, or {@code null}. */
    LanesException stopCause() {
        return exhausted;
    }

    private void settle(Batch batch, long nowNanos) {
        List<WorkItem<?, ?>> unstarted = null;
        List<WorkItem<?, ?>> items = batch.items();
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
            if (outcome == Batch.ENDED) {
                ended(item);
            } else if (outcome == Batch.FAILED) {
                failed(item, batch.firstError(), nowNanos);
            } else {
                if (unstarted == null) {
                    unstarted = new ArrayList<>();
                }
                unstarted.add(item);
            }
        }
        if (unstarted != null) {
            scheduler.returnUnstarted(unstarted);
        }
    }

    private void ended(WorkItem<?, ?> item) {
        scheduler.ended(item);
        item.partitionState().tracker().markEnded(item.trackerHandle());
        backpressure.removed(item.partitionState(), item.bytes());
        stats.ended.increment();
    }

    private void failed(WorkItem<?, ?> item, Throwable error, long nowNanos) {
        stats.failedAttempts.increment();
        if (maxAttempts > 0 && item.attempt() >= maxAttempts) {
            scheduler.exhausted(item);
            if (exhausted == null) {
                exhausted = new LanesException(item + " failed its last attempt (maxAttempts=" + maxAttempts
                        + "); the consumer stops so that the record is not lost: " + error, error);
            }
            return;
        }
        long delay = backoff.delayNanos(item.attempt(), random.nextDouble());
        if (item.attempt() == 1 || Integer.bitCount(item.attempt()) == 1) {
            log.warn("{} failed; retrying in {} ms, holding its lane: {}", item,
                    TimeUnit.NANOSECONDS.toMillis(delay), String.valueOf(error));
        }
        item.nextAttempt();
        scheduler.retryAt(item, nowNanos + delay);
    }
}
