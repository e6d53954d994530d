package dev.lanes.internal.failure;

import dev.lanes.FailedAttempt;
import dev.lanes.FailureAction;
import dev.lanes.GivenUpListener;
import dev.lanes.RecordOutcome;
import dev.lanes.LanesException;
import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.schedule.Scheduler;
import dev.lanes.internal.work.InFlight;
import dev.lanes.internal.work.WorkItem;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of a record whose attempt failed, as the {@link FailurePolicy} decides: retried
 * later (holding its lane), skipped, written to the dead-letter topic ({@link DeadLetters}; the
 * record ends when the write is acknowledged, and a failed write is made again later), or the
 * consumer stops. A record given up counts as ended, so its offset may be committed past.
 *
 * <p>Confined to the poller thread. The only writer of the stop cause, and of a record's attempt
 * count ({@link WorkItem#nextAttempt}).
 */
public final class RecordFailures {
    private static final Logger log = LoggerFactory.getLogger(RecordFailures.class);

    /** Ends a record: its lane goes on, its offset is marked ended, its buffer is freed. */
    public interface Ending {
        void end(WorkItem<?, ?> item, RecordOutcome outcome);
    }

    private final FailurePolicy policy;
    private final DeadLetters deadLetters;
    private final Scheduler scheduler;
    private final EngineStats stats;
    private final GivenUpListener listener;
    private final SplittableRandom random;
    private final Ending ending;
    private LanesException stopCause;
    private boolean holdingLogged;

    /** @param deadLetters {@code null} when the policy names no dead-letter topic */
    public RecordFailures(FailurePolicy policy, DeadLetters deadLetters, Scheduler scheduler, EngineStats stats,
                          GivenUpListener listener, SplittableRandom random, Ending ending) {
        this.policy = policy;
        this.deadLetters = deadLetters;
        this.scheduler = scheduler;
        this.stats = stats;
        this.listener = listener;
        this.random = random;
        this.ending = ending;
    }

    /** The attempt at {@code item} failed with {@code error}. */
    public void failed(WorkItem<?, ?> item, Throwable error, long nowNanos) {
        stats.failedAttempts.increment();
        long tripsBefore = policy.floodGuardTrips();
        FailurePolicy.Decision decision = policy.decide(item.rawRecord(), item.attempt(), error, nowNanos,
                random.nextDouble());
        noteFloodGuard(tripsBefore);
        switch (decision.action()) {
            case RETRY -> retry(item, decision, error, nowNanos);
            case SKIP -> {
                log.warn("{} skipped after {} ({}): {}", item, attempts(decision.failure()),
                        decision.failure().retryable() ? "its last attempt" : "not retryable", String.valueOf(error));
                stats.skipped.increment();
                ending.end(item, RecordOutcome.SKIPPED);
                tell(decision.failure(), FailureAction.SKIP);
            }
            case DEAD_LETTER -> deadLetters.write(item, decision.failure());
            case STOP -> stop(item, decision.failure());
        }
    }

    /**
     * Records of a batch succeeded (they are ended by the caller), {@code firstAttempts} of them at
     * their first attempt. Told once per batch: the hot path pays nothing per record.
     */
    public void succeeded(int firstAttempts, long nowNanos) {
        boolean wasHolding = policy.isHolding();
        policy.succeeded(firstAttempts, nowNanos);
        if (wasHolding && !policy.isHolding()) {
            log.info("Flood guard: records succeed again, so they are given up again as the policy says");
            holdingLogged = false;
        }
    }

    /**
     * A dead-letter write came back.
     *
     * @param current whether its record's partition is still this instance's (else the write is
     *     only counted: the partition's next owner handles the record)
     */
    public void writeReturned(DeadLetterWrite write, boolean current, long nowNanos) {
        deadLetters.returned(write);
        if (!current) {
            return;
        }
        WorkItem<?, ?> item = write.item();
        if (write.error() == null) {
            stats.deadLettered.increment();
            ending.end(item, RecordOutcome.DEAD_LETTER);
            tell(write.failure(), FailureAction.DEAD_LETTER);
            return;
        }
        stats.deadLetterWriteFailures.increment();
        if (item.partitionState().isRevoked()) {
            scheduler.abandon(item); // its partition is leaving: the next owner handles the record
            return;
        }
        if (write.isFatal()) {
            stop(item, write.failure(), write.error());
            scheduler.exhausted(item);
            return;
        }
        long delay = policy.writeRetryDelayNanos(write.failedWrites() + 1, random.nextDouble());
        if (Integer.bitCount(write.failedWrites() + 1) == 1) {
            log.warn("{}: the dead-letter write failed; it is made again in {} ms, and the record is not committed "
                    + "past meanwhile: {}", item, TimeUnit.NANOSECONDS.toMillis(delay), String.valueOf(write.error()));
        }
        deadLetters.retryAt(write, nowNanos + delay);
    }

    /** Starts the dead-letter writes due again. */
    public void startDue(long nowNanos) {
        if (deadLetters != null) {
            deadLetters.startDue(nowNanos);
        }
    }

    public long nanosUntilDue(long nowNanos) {
        return deadLetters == null ? Long.MAX_VALUE : deadLetters.nanosUntilDue(nowNanos);
    }

    /** The records given up to the dead-letter topic and not ended yet (health sampling). */
    public boolean forEachWaiting(InFlight visitor) {
        return deadLetters == null || deadLetters.forEachWaiting(visitor);
    }

    /** Dead-letter writes running or waiting for the broker's answer. */
    public int writesInFlight() {
        return deadLetters == null ? 0 : deadLetters.inFlight();
    }

    /** A partition is given up: its writes waiting for a retry are dropped, their records left to its next owner. */
    public void forget(PartitionState partition) {
        if (deadLetters != null) {
            deadLetters.forget(partition).forEach(scheduler::abandon);
        }
    }

    /** The error that must stop the engine, or {@code null}. */
    public LanesException stopCause() {
        return stopCause;
    }

    public void close(Duration timeout) {
        if (deadLetters != null) {
            deadLetters.close(timeout);
        }
    }

    private void retry(WorkItem<?, ?> item, FailurePolicy.Decision decision, Throwable error, long nowNanos) {
        if (item.attempt() == 1 || Integer.bitCount(item.attempt()) == 1) {
            log.warn("{} failed; retrying in {} ms, holding its lane: {}", item,
                    TimeUnit.NANOSECONDS.toMillis(decision.delayNanos()), String.valueOf(error));
        }
        item.nextAttempt();
        scheduler.retryAt(item, nowNanos + decision.delayNanos());
    }

    private void stop(WorkItem<?, ?> item, FailedAttempt failure) {
        scheduler.exhausted(item);
        stop(item, failure, failure.error());
    }

    private void stop(WorkItem<?, ?> item, FailedAttempt failure, Throwable error) {
        if (stopCause == null) {
            String why = !failure.retryable() && failure.attempt() == 0 ? "cannot be deserialized"
                    : failure.exhausted() && failure.retryable()
                    ? "failed its last attempt (maxAttempts=" + failure.attempt() + ")"
                    : failure.exhausted() ? "failed with an error that is not retried" : "failed";
            stopCause = new LanesException(item + " " + why + "; the consumer stops so that the record is not lost: "
                    + error, error);
        }
    }

    private void tell(FailedAttempt failure, FailureAction action) {
        if (listener == null) {
            return;
        }
        try {
            listener.givenUp(failure, action);
        } catch (RuntimeException e) {
            log.error("The given-up listener threw; ignored", e);
        }
    }

    private void noteFloodGuard(long tripsBefore) {
        if (policy.floodGuardTrips() > tripsBefore) {
            stats.floodGuardTrips.increment();
        }
        if (policy.isHolding() && !holdingLogged) {
            holdingLogged = true;
            log.warn("Flood guard: most records fail their first attempt (an outage?); none is skipped or "
                    + "dead-lettered until one succeeds, they are retried instead");
        }
    }

    private static String attempts(FailedAttempt failure) {
        return failure.attempt() == 0 ? "deserialization" : failure.attempt() + " attempts";
    }
}
