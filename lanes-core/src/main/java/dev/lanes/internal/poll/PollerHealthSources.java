package dev.lanes.internal.poll;

import dev.lanes.internal.commit.CommitManager;
import dev.lanes.internal.failure.RecordFailures;
import dev.lanes.internal.health.HealthSampler;
import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.schedule.Scheduler;
import dev.lanes.internal.work.Dispatcher;
import dev.lanes.internal.work.InFlight;
import java.util.Collection;

/**
 * What the health sampler reads, answered by the poller's parts: each answers for the records it
 * holds (batches out: the dispatcher; retry waits: the scheduler; dead-letter writes: the
 * failures). Confined to the poller thread; writes nothing.
 */
final class PollerHealthSources implements HealthSampler.Sources {
    private final PartitionLifecycle lifecycle;
    private final Backpressure backpressure;
    private final Dispatcher dispatcher;
    private final Scheduler scheduler;
    private final RecordFailures failures;
    private final CommitManager commits;
    private final EngineStats stats;

    PollerHealthSources(PartitionLifecycle lifecycle, Backpressure backpressure, Dispatcher dispatcher,
                        Scheduler scheduler, RecordFailures failures, CommitManager commits, EngineStats stats) {
        this.lifecycle = lifecycle;
        this.backpressure = backpressure;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.failures = failures;
        this.commits = commits;
        this.stats = stats;
    }

    @Override
    public boolean forEachInFlight(InFlight visitor) {
        return dispatcher.forEachInFlight(visitor) && scheduler.forEachRetry(visitor)
                && failures.forEachWaiting(visitor);
    }

    @Override
    public Collection<PartitionState> partitions() {
        return lifecycle.partitions();
    }

    @Override
    public int heldRecords() {
        return backpressure.bufferedRecords();
    }

    @Override
    public long endedRecords() {
        // Written by the poller thread only, so each adder is a single uncontended cell: cheap per turn.
        return stats.ended.sum() + stats.skipped.sum() + stats.deadLettered.sum();
    }

    @Override
    public long acknowledgedCommits() {
        return commits.acknowledgedCommits();
    }
}
