package dev.lanes.internal;

import dev.lanes.LanesException;
import dev.lanes.internal.offsets.OffsetMetadataCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop, and the only code that touches the {@link Consumer}.
 *
 * <p><b>Threads.</b> One poller thread runs {@link #runOnce}; it owns the consumer, every
 * {@link PartitionState}, the {@link Scheduler}, the {@link Backpressure} and the
 * {@link CommitManager}. Workers run batches on the executor and hand them back through the
 * {@link Inbox}; the only state they read is a partition's revoked flag. Rebalance callbacks run
 * inside {@code poll}, on the poller thread.
 *
 * <p><b>One turn.</b> Take back finished batches (record ends, failures, retries), start what the
 * scheduler allows within the concurrency limit, commit if due, pause or resume partitions for
 * backpressure, poll, queue the new records, start again. The turn never blocks longer than a
 * short poll or a wait on the inbox, so {@code max.poll.interval.ms} is never at risk.
 *
 * <p><b>Invariants.</b> A record's offset is marked ended in its partition's tracker only after
 * its handler ended, so a committed offset never passes a record that has not ended. At most
 * {@code maxConcurrency} batches are out, and a batch runs its records one at a time.
 */
final class Poller<K, V> {
    private static final Logger log = LoggerFactory.getLogger(Poller.class);
    private static final long FETCH_WAIT_WHILE_BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long PAUSED_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Consumer<K, V> consumer;
    private final EngineConfig config;
    private final BatchFactory batches;
    private final Executor executor;
    private final LongSupplier nanoClock;
    private final EngineStats stats;
    private final Inbox inbox = new Inbox();
    private final Scheduler scheduler = new Scheduler();
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    /** Per given-up partition, its records still out in batches. */
    private final Map<TopicPartition, Integer> orphans = new HashMap<>();
    private final SplittableRandom random;
    private final BatchSizer sizer;
    private final Backpressure backpressure;
    private final CommitManager commits;
    private int batchesOut;
    /** A record that failed its last attempt: the engine stops. */
    private LanesException exhausted;
    /** Set once close began: a revocation inside {@code consumer.close} must not wait again. */
    private boolean closing;

    Poller(Consumer<K, V> consumer, EngineConfig config, BatchFactory batches, Executor executor,
           LongSupplier nanoClock, EngineStats stats, long randomSeed) {
        this.consumer = consumer;
        this.config = config;
        this.batches = batches;
        this.executor = executor;
        this.nanoClock = nanoClock;
        this.stats = stats;
        this.random = new SplittableRandom(randomSeed);
        this.sizer = new BatchSizer(batches.batches() ? config.maxBatchSize : 1,
                Runtime.getRuntime().availableProcessors());
        this.backpressure = new Backpressure(config.maxBufferedRecords, config.maxBufferedBytes, config.maxPollRecords);
        this.commits = new CommitManager(consumer, config.commitInterval, config.metadataMaxChars, stats,
                nanoClock.getAsLong());
    }

    void subscribe() {
        RebalanceListener listener = new RebalanceListener(this, consumer, stats);
        if (config.topicPattern != null) {
            consumer.subscribe(config.topicPattern, listener);
        } else {
            consumer.subscribe(config.topics, listener);
        }
    }

    /** One turn of the loop; waits at most about {@code maxWaitNanos} for records or finished batches. */
    void runOnce(long maxWaitNanos) {
        long now = nanoClock.getAsLong();
        takeBackFinished(now);
        startWork(now);
        if (commits.maybeCommitAsync(partitions.values(), now)) {
            partitions.values().forEach(partition -> partition.sweepIdleLanes(true));
        }
        boolean fetching = backpressure.apply(consumer, partitions.values());
        long wait = idle(now) ? Math.min(maxWaitNanos, nanosUntilSomethingIsDue(now)) : 0;
        // Block inside poll only when no batch is out: a finished batch cannot end that wait,
        // while it does end the wait on the inbox below. With nothing assigned yet, poll is where
        // the group join makes progress, so wait there too.
        boolean blockInPoll = batchesOut == 0 && (fetching || partitions.isEmpty());
        ConsumerRecords<K, V> records = consumer.poll(Duration.ofNanos(blockInPoll ? wait : 0));
        now = nanoClock.getAsLong();
        queue(records);
        startWork(now);
        if (!blockInPoll && records.isEmpty() && idle(now)) {
            inbox.await(Math.min(wait, fetching ? FETCH_WAIT_WHILE_BUSY_NANOS : PAUSED_WAIT_NANOS));
        }
        publishGauges();
    }

    /** From now on a revocation only detaches: no wait, and (the engine is stopping) no start. */
    void markClosing() {
        closing = true;
    }

    /** Stops starting records, waits up to {@code timeout} for batches out, and commits what ended. */
    void drainAndCommit(Duration timeout) {
        closing = true;
        for (PartitionState partition : partitions.values()) {
            partition.markRevoked();
        }
        long deadline = nanoClock.getAsLong() + timeout.toNanos();
        while (batchesOut > 0 && deadline - nanoClock.getAsLong() > 0) {
            takeBackFinished(nanoClock.getAsLong());
            inbox.await(Math.min(deadline - nanoClock.getAsLong(), PAUSED_WAIT_NANOS));
        }
        takeBackFinished(nanoClock.getAsLong());
        if (batchesOut > 0) {
            log.warn("Closing with {} batches still running after {}; their records are replayed by the "
                    + "next owner", batchesOut, timeout);
        }
        commits.commitSync(partitions.values(), config.commitSyncTimeout);
    }

    Inbox inbox() {
        return inbox;
    }

    /** The error that must stop the engine, or {@code null}. */
    LanesException stopCause() {
        return exhausted;
    }

    // ---- rebalance callbacks (inside poll, on the poller thread) ----

    void assigned(PartitionState partition) {
        if (orphans.containsKey(partition.topicPartition)) {
            partition.blocked = true; // its previous state's records are still running
        }
        partitions.put(partition.topicPartition, partition);
    }

    /** Gives up partitions cleanly: no new starts, a bounded wait for their running records, a commit. */
    void revoke(Collection<TopicPartition> revoked) {
        List<PartitionState> leaving = detach(revoked);
        if (leaving.isEmpty()) {
            return;
        }
        stats.revocations.increment();
        long start = nanoClock.getAsLong();
        long deadline = start + (closing ? 0 : config.revokeTimeout.toNanos());
        while (anyRunning(leaving) && deadline - nanoClock.getAsLong() > 0) {
            long now = nanoClock.getAsLong();
            takeBackFinished(now);
            startWork(now);
            if (anyRunning(leaving)) {
                inbox.await(Math.min(deadline - now, PAUSED_WAIT_NANOS));
            }
        }
        takeBackFinished(nanoClock.getAsLong());
        int abandoned = 0;
        for (PartitionState partition : leaving) {
            abandoned += partition.runningRecords;
        }
        stats.abandonedOnRevoke.add(abandoned);
        commits.commitSync(leaving, config.commitSyncTimeout);
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

    // ---- the turn ----

    private void takeBackFinished(long now) {
        Batch batch;
        while ((batch = inbox.poll()) != null) {
            batchesOut--;
            sizer.recordBatch(batch.elapsedNanos, batch.started);
            settle(batch, now);
        }
    }

    private void settle(Batch batch, long now) {
        List<WorkItem<?, ?>> unstarted = null;
        for (int i = 0; i < batch.items.size(); i++) {
            WorkItem<?, ?> item = batch.items.get(i);
            if (partitions.get(item.partition.topicPartition) != item.partition) {
                orphanReturned(item.partition.topicPartition);
                continue; // the partition was given up meanwhile: its next owner handles the record
            }
            if (batch.outcomes[i] == Batch.NOT_STARTED && item.partition.isRevoked()) {
                scheduler.abandon(item); // skipped because its partition is leaving
                continue;
            }
            switch (batch.outcomes[i]) {
                case Batch.ENDED:
                    ended(item);
                    break;
                case Batch.FAILED:
                    failed(item, batch.firstError, now);
                    break;
                default:
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
        item.partition.tracker.markEnded(item.trackerHandle);
        backpressure.removed(item.partition, item.bytes);
        stats.ended.increment();
    }

    private void failed(WorkItem<?, ?> item, Throwable error, long now) {
        stats.failedAttempts.increment();
        if (config.maxAttempts > 0 && item.attempt >= config.maxAttempts) {
            // The record keeps holding its lane and stays un-ended: nothing passes it, nothing loses it.
            item.partition.runningRecords--;
            if (exhausted == null) {
                exhausted = new LanesException(item + " failed its last attempt (maxAttempts=" + config.maxAttempts
                        + "); the consumer stops so that the record is not lost: " + error, error);
            }
            return;
        }
        long delay = config.backoff.delayNanos(item.attempt, random.nextDouble());
        if (item.attempt == 1 || Integer.bitCount(item.attempt) == 1) {
            log.warn("{} failed; retrying in {} ms, holding its lane: {}", item,
                    TimeUnit.NANOSECONDS.toMillis(delay), String.valueOf(error));
        }
        item.attempt++;
        scheduler.retryAt(item, now + delay);
    }

    private void startWork(long now) {
        // One size for the whole round: recomputed per batch, an even spread of what is left
        // would halve at every batch and end in a trail of tiny ones.
        int size = sizer.batchSize(scheduler.queuedRecords(), config.maxConcurrency - batchesOut);
        while (batchesOut < config.maxConcurrency && scheduler.hasReadyWork(now)) {
            List<WorkItem<?, ?>> items = new ArrayList<>(size);
            scheduler.fill(items, size, now);
            if (items.isEmpty()) {
                return;
            }
            batchesOut++;
            executor.execute(batches.create(items, inbox));
        }
    }

    private void queue(ConsumerRecords<K, V> records) {
        for (TopicPartition topicPartition : records.partitions()) {
            PartitionState partition = partitions.get(topicPartition);
            if (partition == null || partition.isRevoked()) {
                continue;
            }
            List<ConsumerRecord<K, V>> polled = records.records(topicPartition);
            // A fast handler drains a partition's excess in moments, and refetching it would cost more.
            int kept = config.trimToShare && sizer.handlerMayBeSlow()
                    ? backpressure.trimToShare(consumer, partition, polled, partitions.size()) : polled.size();
            stats.returnedToLog.add(polled.size() - kept);
            for (ConsumerRecord<K, V> record : polled.subList(0, kept)) {
                if (partition.tracker != null && record.offset() <= partition.tracker.lastTrackedOffset()) {
                    long resumeAt = ResumePoint.of(consumer, record, partition.tracker.committableOffset(),
                            config.commitSyncTimeout);
                    partition = restart(partition, record.offset(), resumeAt);
                    if (resumeAt < record.offset()) {
                        Backpressure.seekBack(consumer, record, resumeAt);
                        break; // the rest of this poll comes again, from resumeAt
                    }
                }
                stats.polled.increment();
                long handle = partition.trackerStartingAt(record.offset()).track(record.offset());
                if (partition.endedByPreviousOwner(record.offset())) {
                    partition.tracker.markEnded(handle);
                    stats.skippedAlreadyEnded.increment();
                    continue;
                }
                int bytes = WorkItem.sizeOf(record);
                Lane lane = config.lanes.laneFor(partition, record.key());
                backpressure.added(partition, bytes);
                scheduler.enqueue(new WorkItem<>(record, partition, lane, handle, bytes));
            }
        }
    }

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
    private PartitionState restart(PartitionState old, long polledOffset, long resumeAt) {
        log.warn("{}: offset went back from {} to {} (log truncated, or topic created again?); its {} records "
                        + "not ended are dropped and the partition continues from {}", old,
                old.tracker.lastTrackedOffset(), polledOffset, old.bufferedRecords, resumeAt);
        stats.offsetResets.increment();
        forget(detach(List.of(old.topicPartition)));
        PartitionState fresh = new PartitionState(old.topicPartition, OffsetMetadataCodec.decode(null, 0));
        fresh.paused = old.paused; // the consumer still has it paused or not, whatever our state
        // A tracker from the start: if the commit below fails, the periodic and revocation
        // commits make it again, before any record of the new log arrived.
        fresh.trackerStartingAt(resumeAt);
        assigned(fresh);
        commits.commitSync(old.topicPartition, resumeAt, config.commitSyncTimeout);
        return fresh;
    }

    // ---- helpers ----

    private boolean idle(long now) {
        return inbox.isEmpty() && (batchesOut >= config.maxConcurrency || !scheduler.hasReadyWork(now));
    }

    private long nanosUntilSomethingIsDue(long now) {
        return Math.min(scheduler.nanosUntilNextRetry(now), commits.nanosUntilDue(now));
    }

    private List<PartitionState> detach(Collection<TopicPartition> topicPartitions) {
        List<PartitionState> leaving = new ArrayList<>();
        for (TopicPartition topicPartition : topicPartitions) {
            PartitionState partition = partitions.get(topicPartition);
            if (partition != null) {
                partition.markRevoked();
                scheduler.forget(partition);
                leaving.add(partition);
            }
        }
        return leaving;
    }

    private void forget(List<PartitionState> leaving) {
        for (PartitionState partition : leaving) {
            backpressure.dropped(partition);
            partitions.remove(partition.topicPartition);
            if (partition.runningRecords > 0) {
                orphans.merge(partition.topicPartition, partition.runningRecords, Integer::sum);
            }
        }
    }

    /**
     * A record of a given-up partition came back. Once none is out any more, a new state of the
     * same partition (this instance got it back) may start records: before, a record of one of its
     * lanes could run beside its own earlier invocation.
     */
    private void orphanReturned(TopicPartition topicPartition) {
        Integer left = orphans.computeIfPresent(topicPartition, (tp, count) -> count > 1 ? count - 1 : null);
        PartitionState current = partitions.get(topicPartition);
        if (left == null && current != null && current.blocked) {
            current.blocked = false;
            current.forEachLane(scheduler::offerReady);
        }
    }

    private static boolean anyRunning(List<PartitionState> partitions) {
        for (PartitionState partition : partitions) {
            if (partition.runningRecords > 0) {
                return true;
            }
        }
        return false;
    }

    private void publishGauges() {
        stats.bufferedRecords = backpressure.bufferedRecords();
        stats.peakBufferedRecords = backpressure.peakBufferedRecords();
        stats.assignedPartitions = partitions.size();
        stats.batchesOut = batchesOut;
    }
}
