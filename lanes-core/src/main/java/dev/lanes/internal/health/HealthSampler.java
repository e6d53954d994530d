package dev.lanes.internal.health;

import dev.lanes.LanesHealth;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.work.InFlight;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The poller's side of health: a little bookkeeping every turn (did a record end, was a commit
 * acknowledged, is fetching stopped by the buffer), and, when due, one bounded look at the
 * records in flight and the lanes, published on the {@link HealthBoard} for any thread to read.
 *
 * <p>A look is due at most once a second while someone reads health (a read in the last minute),
 * and every ten seconds otherwise, so the first read after a quiet spell finds figures at most ten
 * seconds old, and a health check called every few seconds finds them at most a second old. A
 * look visits at most {@link #MAX_VISITS} records in flight and, partition by partition, stops
 * once it has visited that many lanes; it allocates only for the few records and keys it keeps.
 *
 * <p>Confined to the poller thread; the only writer of its own fields and of the board's sample,
 * progress and backpressure.
 */
public final class HealthSampler {
    static final long ACTIVE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long IDLE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** A reader counts as active this long after its last read. */
    static final long READER_ACTIVE_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final int MAX_VISITS = 100_000;

    /** What the sampler reads, on the poller thread; the poller's parts answer. */
    public interface Sources {
        /** Records in flight (in batches out, waiting for a retry or for a dead-letter write); false when stopped. */
        boolean forEachInFlight(InFlight visitor);

        Collection<PartitionState> partitions();

        /** Records polled and not ended. */
        int heldRecords();

        /** Records ended so far: succeeded, skipped or dead-lettered. */
        long endedRecords();

        /** Commits the broker acknowledged so far. */
        long acknowledgedCommits();
    }

    private final HealthBoard board;
    private final Sources sources;
    private long endedSeen;
    private long commitsSeen;
    private long lastCommitNanos;
    private boolean committed;
    private boolean backpressured;
    private boolean sampled;
    private long lastSampleNanos;

    public HealthSampler(HealthBoard board, Sources sources, long nowNanos) {
        this.board = board;
        this.sources = sources;
        this.endedSeen = sources.endedRecords();
        this.commitsSeen = sources.acknowledgedCommits();
        board.progressAt(nowNanos);
    }

    /**
     * Poller thread, once per turn.
     *
     * @param backpressured whether every partition is paused by the buffer bounds this turn
     */
    public void turn(long nowNanos, boolean backpressured) {
        long ended = sources.endedRecords();
        if (ended != endedSeen || sources.heldRecords() == 0) {
            endedSeen = ended;
            board.progressAt(nowNanos);
        }
        long commits = sources.acknowledgedCommits();
        if (commits != commitsSeen) {
            commitsSeen = commits;
            lastCommitNanos = nowNanos;
            committed = true;
        }
        if (backpressured != this.backpressured) {
            this.backpressured = backpressured;
            board.backpressured(backpressured);
        }
        if (due(nowNanos)) {
            sampled = true;
            lastSampleNanos = nowNanos;
            board.publish(sample(nowNanos));
        }
    }

    private boolean due(long nowNanos) {
        if (!sampled) {
            return true;
        }
        boolean readerActive = nowNanos - board.lastReadNanos() < READER_ACTIVE_NANOS;
        return nowNanos - lastSampleNanos >= (readerActive ? ACTIVE_INTERVAL_NANOS : IDLE_INTERVAL_NANOS);
    }

    private LanesHealth sample(long nowNanos) {
        InFlightScan inFlight = new InFlightScan(nowNanos, board.stuckAfter(), board.listSize(), MAX_VISITS);
        sources.forEachInFlight(inFlight);
        LaneScan lanes = new LaneScan(nowNanos, board.listSize());
        boolean allLanes = true;
        for (PartitionState partition : sources.partitions()) {
            if (lanes.visits() >= MAX_VISITS) {
                allLanes = false;
                break;
            }
            partition.forEachLane(lanes);
        }
        Instant sampledAt = board.wallClock().instant();
        Optional<Instant> lastCommit = committed
                ? Optional.of(sampledAt.minusNanos(nowNanos - lastCommitNanos)) : Optional.empty();
        // State and rebalance count are the board's, decided at each read.
        return new LanesHealth(LanesHealth.State.RUNNING, sampledAt, sources.heldRecords(), inFlight.oldest(),
                inFlight.stuckCount(), inFlight.stuck(), lastCommit, lanes.mostQueued(), lanes.longestWaiting(), 0,
                allLanes && !inFlight.stoppedEarly());
    }
}
