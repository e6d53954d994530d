package dev.lanes.internal.poll;

import dev.lanes.internal.commit.CommitManager;
import dev.lanes.internal.failure.RecordFailures;
import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.offsets.OffsetMetadataCodec;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.schedule.Scheduler;
import dev.lanes.internal.work.Dispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions this instance owns, from assignment to revocation, loss, restart or close. It
 * holds the map of current {@link PartitionState}s and, per partition given up while some of its
 * records were still running, how many are still out (orphans): a new state of the same partition
 * waits for them, so that no lane ever runs beside its own earlier invocation.
 *
 * <p>Confined to the poller thread (rebalance callbacks run inside {@code poll}). The only writer
 * of the partition map, the orphan counts and each partition's {@link Ownership}.
 */
final class PartitionLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PartitionLifecycle.class);

    private final Scheduler scheduler;
    private final Backpressure backpressure;
    private final CommitManager commits;
    private final Dispatcher dispatcher;
    private final RecordFailures failures;
    private final EngineStats stats;
    private final LongSupplier nanoClock;
    private final Duration revokeTimeout;
    private final Duration commitSyncTimeout;
    /** Takes back finished batches ({@code BatchSettlement}): a revocation waits for them. */
    private final LongConsumer takeBackFinished;
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    /** Per given-up partition, its records still out in batches. */
    private final Map<TopicPartition, Integer> orphans = new HashMap<>();
    /** Set once close began: a revocation inside {@code consumer.close} must not wait again. */
    private boolean closing;

    PartitionLifecycle(Scheduler scheduler, Backpressure backpressure, CommitManager commits, Dispatcher dispatcher,
                       RecordFailures failures, EngineStats stats, LongSupplier nanoClock, Duration revokeTimeout,
                       Duration commitSyncTimeout, LongConsumer takeBackFinished) {
        this.scheduler = scheduler;
        this.backpressure = backpressure;
        this.commits = commits;
        this.dispatcher = dispatcher;
        this.failures = failures;
        this.stats = stats;
        this.nanoClock = nanoClock;
        this.revokeTimeout = revokeTimeout;
        this.commitSyncTimeout = commitSyncTimeout;
        this.takeBackFinished = takeBackFinished;
    }

    Collection<PartitionState> partitions() {
        return partitions.values();
    }

    PartitionState get(TopicPartition topicPartition) {
        return partitions.get(topicPartition);
    }

    /** Whether {@code partition} is still the state this instance holds for its partition. */
    boolean isCurrent(PartitionState partition) {
        return partitions.get(partition.topicPartition()) == partition;
    }

    int size() {
        return partitions.size();
    }

    // ---- rebalance callbacks (inside poll) ----

    void assigned(PartitionState partition) {
        if (orphans.containsKey(partition.topicPartition())) {
            partition.ownership().block(); // its previous state's records are still running
        }
        partitions.put(partition.topicPartition(), partition);
    }

    /** Gives up partitions cleanly: no new starts, a bounded wait for their running records, a commit. */
    void revoke(Collection<TopicPartition> revoked) {
        List<PartitionState> leaving = detach(revoked);
        if (leaving.isEmpty()) {
            return;
        }
        stats.revocations.increment();
        long start = nanoClock.getAsLong();
        long deadline = start + (closing ? 0 : revokeTimeout.toNanos());
        while (anyRunning(leaving) && deadline - nanoClock.getAsLong() > 0) {
            long now = nanoClock.getAsLong();
            takeBackFinished.accept(now);
            dispatcher.startWork(now);
            if (anyRunning(leaving)) {
                dispatcher.inbox().await(Math.min(deadline - now, Poller.PAUSED_WAIT_NANOS));
            }
        }
        takeBackFinished.accept(nanoClock.getAsLong());
        int abandoned = 0;
        for (PartitionState partition : leaving) {
            abandoned += partition.load().running();
        }
        stats.abandonedOnRevoke.add(abandoned);
        commits.commitSync(leaving, commitSyncTimeout);
        forget(leaving);
        log.info("Revoked {} partitions {} after {} ms; {} records still running were abandoned to the next owner",
                leaving.size(), leaving, TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - start), abandoned);
    }

    /** Partitions already owned by someone else: drop them without committing. */
    void lose(Collection<TopicPartition> lost) {
        List<PartitionState> leaving = detach(lost);
        forget(leaving);
        if (!leaving.isEmpty()) {
            log.warn("Lost {} partitions {} without a chance to commit; their new owner replays from the last commit",
                    leaving.size(), leaving);
        }
    }

    // ---- close ----

    /** From now on a revocation only detaches: no wait, and (the engine is stopping) no start. */
    void markClosing() {
        closing = true;
    }

    /** Stops starting records, waits up to {@code timeout} for batches out, and commits what ended. */
    void drainAndCommit(Duration timeout) {
        closing = true;
        for (PartitionState partition : partitions.values()) {
            partition.ownership().markRevoked();
        }
        long deadline = nanoClock.getAsLong() + timeout.toNanos();
        while (workOut() && deadline - nanoClock.getAsLong() > 0) {
            takeBackFinished.accept(nanoClock.getAsLong());
            dispatcher.inbox().await(Math.min(deadline - nanoClock.getAsLong(), Poller.PAUSED_WAIT_NANOS));
        }
        takeBackFinished.accept(nanoClock.getAsLong());
        if (workOut()) {
            log.warn("Closing with {} batches and {} dead-letter writes still out after {}; their records are "
                    + "replayed by the next owner", dispatcher.batchesOut(), failures.writesInFlight(), timeout);
        }
        commits.commitSync(partitions.values(), commitSyncTimeout);
    }

    // ---- restart, orphans ----

    /**
     * The partition's offsets went back: the consumer reset its position below what it had
     * returned, after the log was truncated (an unclean leader election) or the topic was deleted
     * and created again under the same name. The records this state holds are dropped, queued or
     * running (late results are discarded, as for a given-up partition), and a new state starts
     * at {@code resumeAt} ({@link ResumePoint}). It waits for the old records still running, so
     * that no lane runs twice at once. A commit of {@code resumeAt} without metadata replaces the
     * old state's right away: its metadata names offsets of the old log as ended, which a new
     * owner would otherwise skip in the new one.
     */
    PartitionState restart(PartitionState old, long polledOffset, long resumeAt) {
        log.warn("{}: offset went back from {} to {} (log truncated, or topic created again?); its {} records "
                        + "not ended are dropped and the partition continues from {}", old,
                old.tracker().lastTrackedOffset(), polledOffset, old.buffer().records(), resumeAt);
        stats.offsetResets.increment();
        forget(detach(List.of(old.topicPartition())));
        PartitionState fresh = new PartitionState(old.topicPartition(), OffsetMetadataCodec.decode(null, 0));
        backpressure.carryPause(old, fresh);
        // A tracker from the start: if the commit below fails, the periodic and revocation
        // commits make it again, before any record of the new log arrived.
        fresh.trackerStartingAt(resumeAt);
        assigned(fresh);
        commits.commitSync(old.topicPartition(), resumeAt, commitSyncTimeout);
        return fresh;
    }

    /**
     * A record of a given-up partition came back. Once none is out any more, a new state of the
     * same partition (this instance got it back) may start records: before, a record of one of its
     * lanes could run beside its own earlier invocation.
     */
    void orphanReturned(TopicPartition topicPartition) {
        Integer left = orphans.computeIfPresent(topicPartition, (tp, count) -> count > 1 ? count - 1 : null);
        PartitionState current = partitions.get(topicPartition);
        if (left == null && current != null && current.ownership().isBlocked()) {
            current.ownership().unblock();
            scheduler.unblocked(current);
        }
    }

    private List<PartitionState> detach(Collection<TopicPartition> topicPartitions) {
        List<PartitionState> leaving = new ArrayList<>();
        for (TopicPartition topicPartition : topicPartitions) {
            PartitionState partition = partitions.get(topicPartition);
            if (partition != null) {
                partition.ownership().markRevoked();
                scheduler.forget(partition);
                failures.forget(partition);
                leaving.add(partition);
            }
        }
        return leaving;
    }

    private void forget(List<PartitionState> leaving) {
        for (PartitionState partition : leaving) {
            backpressure.dropped(partition);
            partitions.remove(partition.topicPartition());
            int running = partition.load().running();
            if (running > 0) {
                orphans.merge(partition.topicPartition(), running, Integer::sum);
            }
        }
    }

    private boolean workOut() {
        return dispatcher.batchesOut() > 0 || failures.writesInFlight() > 0;
    }

    private static boolean anyRunning(List<PartitionState> partitions) {
        for (PartitionState partition : partitions) {
            if (partition.load().running() > 0) {
                return true;
            }
        }
        return false;
    }
}
