package dev.lanes.internal.health;

import dev.lanes.LanesHealth;
import dev.lanes.LanesHealth.State;
import dev.lanes.LanesOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Where the poller thread leaves what {@code LanesConsumer.health()} reads, from any thread, and
 * where readers leave word that someone is reading. Every field is volatile and has one writer:
 * <ul>
 *   <li>the last sample, progress and backpressure: {@link HealthSampler} (poller thread);
 *   <li>assigned once, rebalancing and the rebalance count: the rebalance listener (poller thread,
 *       inside {@code poll});
 *   <li>the time of the last read: readers (any thread; any of them may win, which is all it needs).
 * </ul>
 * {@link #read} never blocks and never waits for the poller: it decides the state from these
 * fields at the call and takes everything else from the last sample.
 */
public final class HealthBoard {
    private final Duration stuckAfter;
    private final Duration stalledAfter;
    private final int listSize;
    private final LongSupplier nanoClock;
    private final Clock wallClock;

    private volatile LanesHealth sample;
    /** The last moment a record ended or nothing was held (the stall clock starts after it). */
    private volatile long progressNanos;
    private volatile boolean backpressured;
    private volatile boolean assignedOnce;
    private volatile boolean rebalancing;
    private volatile long rebalances;
    private volatile long lastReadNanos;

    public HealthBoard(Duration stuckAfter, Duration stalledAfter, int listSize, LongSupplier nanoClock,
                       Clock wallClock) {
        this.stuckAfter = stuckAfter;
        this.stalledAfter = stalledAfter;
        this.listSize = listSize;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        long now = nanoClock.getAsLong();
        this.progressNanos = now;
        this.lastReadNanos = now - HealthSampler.READER_ACTIVE_NANOS; // nobody has read yet
    }

    public static HealthBoard of(LanesOptions<?, ?> options, LongSupplier nanoClock, Clock wallClock) {
        return new HealthBoard(options.healthStuckAfter(), options.healthStalledAfter(), options.healthListSize(),
                nanoClock, wallClock);
    }

    /**
     * Any thread: the health now.
     *
     * @param failed whether an error stopped the consumer or is stopping it
     * @param closed whether {@code close} was called
     */
    public LanesHealth read(boolean failed, boolean closed) {
        long now = nanoClock.getAsLong();
        lastReadNanos = now;
        LanesHealth figures = sample;
        State state = failed ? State.FAILED
                : closed ? State.CLOSED
                : !assignedOnce ? State.STARTING
                : rebalancing ? State.REBALANCING
                : now - progressNanos >= stalledAfter.toNanos() ? State.STALLED
                : backpressured ? State.BACKPRESSURED
                : State.RUNNING;
        if (figures == null) {
            return new LanesHealth(state, wallClock.instant(), 0, Optional.empty(), 0, List.of(), Optional.empty(),
                    List.of(), List.of(), rebalances, true);
        }
        return new LanesHealth(state, figures.sampledAt(), figures.heldRecords(), figures.oldestInFlight(),
                figures.stuckCount(), figures.stuck(), figures.lastCommit(), figures.mostQueuedKeys(),
                figures.longestWaitingKeys(), rebalances, figures.complete());
    }

    // ---- the rebalance listener's (poller thread, inside poll) ----

    /** Partitions are being revoked or lost: a rebalance began (or goes on). */
    public void rebalanceStarted() {
        if (assignedOnce && !rebalancing) {
            rebalances++; // one writer: the poller thread
            rebalancing = true;
        }
    }

    /** An assignment arrived (possibly empty): the rebalance, or the first join, is over. */
    public void assigned() {
        assignedOnce = true;
        rebalancing = false;
    }

    // ---- the sampler's (poller thread) ----

    void publish(LanesHealth figures) {
        sample = figures;
    }

    void progressAt(long nowNanos) {
        progressNanos = nowNanos;
    }

    void backpressured(boolean backpressured) {
        this.backpressured = backpressured;
    }

    long lastReadNanos() {
        return lastReadNanos;
    }

    Duration stuckAfter() {
        return stuckAfter;
    }

    int listSize() {
        return listSize;
    }

    Clock wallClock() {
        return wallClock;
    }
}
