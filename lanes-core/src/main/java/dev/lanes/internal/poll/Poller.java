package dev.lanes.internal.poll;

import dev.lanes.LanesException;
import dev.lanes.RecordOutcome;
import dev.lanes.internal.EngineConfig;
import dev.lanes.internal.commit.CommitManager;
import dev.lanes.internal.failure.DeadLetterClients;
import dev.lanes.internal.failure.DeadLetters;
import dev.lanes.internal.failure.FailurePolicy;
import dev.lanes.internal.failure.RecordFailures;
import dev.lanes.internal.health.HealthBoard;
import dev.lanes.internal.health.HealthSampler;
import dev.lanes.internal.limit.ConcurrencyLimit;
import dev.lanes.internal.limit.FixedConcurrencyLimit;
import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.metrics.RecordObservers;
import dev.lanes.internal.schedule.BatchSizer;
import dev.lanes.internal.schedule.Scheduler;
import dev.lanes.internal.work.BatchFactory;
import dev.lanes.internal.work.Dispatcher;
import dev.lanes.internal.work.HandlerWatchdog;
import dev.lanes.internal.work.Inbox;
import dev.lanes.internal.work.WorkItem;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop: runs one turn at a time, and is the only code that calls {@code poll} on the
 * {@link Consumer}.
 *
 * <p>The consumer fetches bytes: keys and values are deserialized by the workers
 * ({@code RecordDecoder}), so the poller's time goes to polling, and a record that cannot be
 * deserialized fails alone.
 *
 * <p><b>Threads.</b> One poller thread runs {@link #runOnce}; it owns the consumer and every part
 * below, and each part is the only writer of its own state. Workers run batches on the executor
 * and hand them back through the {@link Inbox}; the only partition state they read is whether it
 * is revoked. Rebalance callbacks run inside {@code poll}, on the poller thread.
 *
 * <p><b>Who owns what.</b> {@link PartitionLifecycle}: the partitions owned, from assignment to
 * revocation, loss, restart and close. {@link RecordIntake}: polled records into lanes.
 * {@link Scheduler} (package {@code schedule}): which records may start, retries and their due
 * times. {@link Dispatcher} (package {@code work}): hand-offs to workers within the
 * {@link ConcurrencyLimit}. {@link BatchSettlement}: what became of each record handed out, and
 * {@link RecordFailures} (package {@code failure}): retries, skips, dead letters, a stop.
 * {@link Backpressure}: the buffer bounds, by pausing partitions. {@link CommitManager} (package
 * {@code commit}): what to commit and when. {@link OwnBacklog}: the backlog gauge. {@link HealthSampler}
 * (package {@code health}): what {@code LanesConsumer.health()} shows, looked at when due. This class only orders them in a turn and decides how
 * long a turn may wait: each part says when it is next due ({@code nanosUntilDue(now)}).
 *
 * <p><b>One turn.</b> Take back finished batches, start what the scheduler and the limit allow,
 * commit if due, pause or resume partitions, poll, queue the new records, start again, and wait
 * on the inbox if there is nothing to do. The turn never blocks longer than a short poll or a wait
 * on the inbox, so {@code max.poll.interval.ms} is never at risk.
 *
 * <p><b>Invariants.</b> A record's offset is marked ended in its partition's tracker only after
 * its handler ended, so a committed offset never passes a record that has not ended. No more
 * batches are out than the limit allows, and a batch runs its records one at a time.
 */
public final class Poller {
    private static final Logger log = LoggerFactory.getLogger(Poller.class);
    static final long PAUSED_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long FETCH_WAIT_WHILE_BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Consumer<byte[], byte[]> consumer;
    private final EngineConfig config;
    private final LongSupplier nanoClock;
    private final EngineStats stats;
    private final Scheduler scheduler = new Scheduler();
    private final BatchSizer sizer;
    private final Backpressure backpressure;
    private final CommitManager commits;
    private final Dispatcher dispatcher;
    private final PartitionLifecycle lifecycle;
    private final RecordFailures failures;
    private final BatchSettlement settlement;
    private final RecordIntake intake;
    private final MissingTopics missingTopics;
    private final HealthBoard healthBoard;
    private final HealthSampler health;
    private final ConcurrencyLimit limit;
    private final OwnBacklog backlog = new OwnBacklog();
    private final RecordObservers observers;

    /** A poller that tells no observer. */
    public Poller(Consumer<byte[], byte[]> consumer, EngineConfig config, BatchFactory batches, Executor executor,
                  HandlerWatchdog watchdog, DeadLetterClients deadLetterClients, LongSupplier nanoClock,
                  EngineStats stats, long randomSeed, HealthBoard healthBoard) {
        this(consumer, config, batches, executor, watchdog, deadLetterClients, nanoClock, stats,
                RecordObservers.none(), randomSeed, healthBoard);
    }

    /**
     * @param watchdog ends invocations that run past the handler timeout; {@code null} when it is off
     * @param deadLetterClients how to reach the dead-letter topic, if the retry policy names one
     * @param observers told of every invocation and every record that ends
     * @param healthBoard where the poller publishes its health for {@code LanesConsumer.health()}
     */
    public Poller(Consumer<byte[], byte[]> consumer, EngineConfig config, BatchFactory batches, Executor executor,
                  HandlerWatchdog watchdog, DeadLetterClients deadLetterClients, LongSupplier nanoClock,
                  EngineStats stats, RecordObservers observers, long randomSeed, HealthBoard healthBoard) {
        this.consumer = consumer;
        this.config = config;
        this.nanoClock = nanoClock;
        this.stats = stats;
        this.observers = observers;
        this.sizer = new BatchSizer(batches.batches() ? config.maxBatchSize() : 1,
                Runtime.getRuntime().availableProcessors());
        this.limit = new FixedConcurrencyLimit(config.maxConcurrency());
        this.dispatcher = new Dispatcher(scheduler, sizer, limit, batches, executor, watchdog, observers);
        this.backpressure = new Backpressure(config.maxBufferedRecords(), config.maxBufferedBytes(),
                config.maxPollRecords(), config.maxPollBytes());
        this.commits = new CommitManager(consumer, config.commitInterval(), config.metadataMaxChars(), stats,
                nanoClock.getAsLong());
        this.failures = new RecordFailures(new FailurePolicy(config.retryPolicy()),
                DeadLetters.of(config.retryPolicy(), config.group(), deadLetterClients, executor, dispatcher.inbox()),
                scheduler, stats, config.retryPolicy().givenUpListener().orElse(null),
                new SplittableRandom(randomSeed), this::endRecord);
        this.lifecycle = new PartitionLifecycle(scheduler, backpressure, commits, dispatcher, failures, stats,
                nanoClock, config.revokeTimeout(), config.commitSyncTimeout(), this::takeBackFinished);
        this.settlement = new BatchSettlement(lifecycle, dispatcher, scheduler, backpressure, stats, failures,
                observers);
        this.missingTopics = new MissingTopics(consumer, config.topicPattern() == null ? config.topics() : List.of(),
                nanoClock.getAsLong());
        this.intake = new RecordIntake(consumer, lifecycle, backpressure, scheduler, sizer, stats, config.lanes(),
                config.trimToShare(), config.commitSyncTimeout());
        this.healthBoard = healthBoard;
        this.health = new HealthSampler(healthBoard, new PollerHealthSources(lifecycle, backpressure, dispatcher,
                scheduler, failures, commits, stats), nanoClock.getAsLong());
    }

    public void subscribe() {
        RebalanceListener listener = new RebalanceListener(lifecycle, consumer, stats, healthBoard);
        if (config.topicPattern() != null) {
            consumer.subscribe(config.topicPattern(), listener);
        } else {
            consumer.subscribe(config.topics(), listener);
        }
    }

    /** One turn of the loop; waits at most about {@code maxWaitNanos} for records or finished batches. */
    public void runOnce(long maxWaitNanos) {
        long now = nanoClock.getAsLong();
        settlement.takeBackFinished(now);
        failures.startDue(now);
        dispatcher.startWork(now);
        if (commits.maybeCommitAsync(lifecycle.partitions(), now)) {
            lifecycle.partitions().forEach(partition -> partition.sweepIdleLanes(true));
        }
        boolean fetching = backpressure.apply(consumer, lifecycle.partitions(), sizer.handlerMayBeSlow());
        // Counted before the poll: partitions assigned inside it were not paused or resumed yet.
        boolean backpressured = !fetching && lifecycle.size() > 0;
        long wait = idle(now) ? Math.min(maxWaitNanos, nanosUntilDue(now)) : 0;
        // Block inside poll only when no batch is out: a finished batch cannot end that wait,
        // while it does end the wait on the inbox below. With nothing assigned yet, poll is where
        // the group join makes progress, so wait there too.
        boolean blockInPoll = dispatcher.batchesOut() == 0 && (fetching || lifecycle.size() == 0);
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofNanos(blockInPoll ? wait : 0));
        now = nanoClock.getAsLong();
        // Queued time is measured on the workers' clock (the batches read System.nanoTime), and only
        // for an observer: without one, no clock is read per poll for it.
        intake.queue(records, now,
                records.isEmpty() || observers.current() == null ? WorkItem.NOT_TIMED : System.nanoTime());
        dispatcher.startWork(now);
        if (!blockInPoll && records.isEmpty() && idle(now)) {
            dispatcher.inbox().await(Math.min(wait, fetching ? FETCH_WAIT_WHILE_BUSY_NANOS : PAUSED_WAIT_NANOS));
        }
        stats.publishGauges(backpressure.bufferedRecords(), backpressure.peakBufferedRecords(),
                dispatcher.batchesOut(), lifecycle.size());
        stats.publishFlow(backpressure.bufferedBytes(), dispatcher.recordsOut(), backpressure.pausedPartitions(),
                limit.limit());
        backlog.maybeMeasure(consumer, lifecycle.partitions(), now, stats);
        missingTopics.check(lifecycle.size() == 0, now);
        health.turn(now, backpressured);
    }

    /** From now on a revocation only detaches: no wait, and (the engine is stopping) no start. */
    public void markClosing() {
        lifecycle.markClosing();
    }

    /** Stops starting records, waits up to {@code timeout} for batches out, and commits what ended. */
    public void drainAndCommit(Duration timeout) {
        lifecycle.drainAndCommit(timeout);
    }

    /** Closes what the poller made (the dead-letter producer), once the consumer is done. */
    public void close(Duration timeout) {
        try {
            failures.close(timeout);
        } catch (RuntimeException e) {
            log.warn("Closing the dead-letter producer failed: {}", e.toString());
        }
    }

    /** Where workers hand batches back; any thread may wake the poller through it. */
    public Inbox inbox() {
        return dispatcher.inbox();
    }

    /** The error that must stop the engine, or {@code null}. */
    public LanesException stopCause() {
        return settlement.stopCause();
    }

    /** For tests in this package, which play Kafka's rebalance callbacks. */
    PartitionLifecycle lifecycle() {
        return lifecycle;
    }

    /** For the failures, which end the records they give up (the two are built together). */
    private void endRecord(WorkItem<?, ?> item, RecordOutcome outcome) {
        settlement.end(item, outcome);
    }

    /** For the lifecycle, which waits for batches on revocation (the two are built together). */
    private void takeBackFinished(long now) {
        settlement.takeBackFinished(now);
    }

    /** Nothing to take back, and nothing that could start now. */
    private boolean idle(long now) {
        return dispatcher.inbox().isEmpty() && !dispatcher.canStartWork(now);
    }

    /** The soonest that any part has something to do without a record or a batch arriving. */
    private long nanosUntilDue(long now) {
        return Math.min(Math.min(scheduler.nanosUntilDue(now), commits.nanosUntilDue(now)),
                Math.min(dispatcher.nanosUntilDue(now), failures.nanosUntilDue(now)));
    }
}
