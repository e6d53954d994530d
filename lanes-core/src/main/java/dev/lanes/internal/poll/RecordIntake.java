package dev.lanes.internal.poll;

import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.partition.LaneStrategy;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.schedule.BatchSizer;
import dev.lanes.internal.schedule.Lane;
import dev.lanes.internal.schedule.Scheduler;
import dev.lanes.internal.work.WorkItem;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns the records of a poll, still in bytes, into queued work: tracks each offset, skips those the previous
 * owner already ended, counts the rest against the buffer, and queues each in its lane. In an
 * ordered mode with a slow handler it keeps only a partition's share of the poll (and, beyond it,
 * records that could start at once) and returns the rest to the log ({@link Backpressure#trimToShare}); an offset that went back restarts the
 * partition's state ({@link PartitionLifecycle#restart}).
 *
 * <p>Confined to the poller thread; writes nothing of its own (it feeds the tracker, the
 * backpressure counts and the scheduler through their owners).
 */
final class RecordIntake {
    private final Consumer<byte[], byte[]> consumer;
    private final PartitionLifecycle lifecycle;
    private final Backpressure backpressure;
    private final Scheduler scheduler;
    private final BatchSizer sizer;
    private final EngineStats stats;
    private final LaneStrategy lanes;
    private final boolean trimToShare;
    private final Duration commitSyncTimeout;

    RecordIntake(Consumer<byte[], byte[]> consumer, PartitionLifecycle lifecycle, Backpressure backpressure,
                 Scheduler scheduler, BatchSizer sizer, EngineStats stats, LaneStrategy lanes, boolean trimToShare,
                 Duration commitSyncTimeout) {
        this.consumer = consumer;
        this.lifecycle = lifecycle;
        this.backpressure = backpressure;
        this.scheduler = scheduler;
        this.sizer = sizer;
        this.stats = stats;
        this.lanes = lanes;
        this.trimToShare = trimToShare;
        this.commitSyncTimeout = commitSyncTimeout;
    }

    private Function<ConsumerRecord<byte[], byte[]>, Lane> laneOf(PartitionState partition) {
        return record -> lanes.laneFor(partition, record.key());
    }

    /**
     * @param nowNanos when the poll returned, on the poller's clock (how long a lane's first record waits)
     * @param timedNanos the same on the workers' clock, for the observers' queued time, or
     *     {@code WorkItem.NOT_TIMED} when no observer wants it
     */
    void queue(ConsumerRecords<byte[], byte[]> records, long nowNanos, long timedNanos) {
        for (TopicPartition topicPartition : records.partitions()) {
            PartitionState partition = lifecycle.get(topicPartition);
            if (partition == null || partition.isRevoked()) {
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> polled = records.records(topicPartition);
            // A fast handler drains a partition's excess in moments, and refetching it would cost more.
            int kept = trimToShare && sizer.handlerMayBeSlow()
                    ? backpressure.trimToShare(consumer, partition, polled, lifecycle.size(), laneOf(partition))
                    : polled.size();
            stats.returnedToLog.add(polled.size() - kept);
            for (ConsumerRecord<byte[], byte[]> record : polled.subList(0, kept)) {
                if (partition.tracker() != null && record.offset() <= partition.tracker().lastTrackedOffset()) {
                    long resumeAt = ResumePoint.of(consumer, record, partition.tracker().committableOffset(),
                            commitSyncTimeout);
                    partition = lifecycle.restart(partition, record.offset(), resumeAt);
                    if (resumeAt < record.offset()) {
                        Backpressure.seekBack(consumer, record, resumeAt);
                        break; // the rest of this poll comes again, from resumeAt
                    }
                }
                stats.polled.increment();
                partition.polledUnder(record.leaderEpoch());
                long handle = partition.trackerStartingAt(record.offset()).track(record.offset());
                if (partition.endedByPreviousOwner(record.offset())) {
                    partition.tracker().markEnded(handle);
                    stats.skippedAlreadyEnded.increment();
                    continue;
                }
                int bytes = WorkItem.sizeOf(record);
                Lane lane = lanes.laneFor(partition, record.key());
                backpressure.added(partition, bytes);
                scheduler.enqueue(new WorkItem<>(record, partition, lane, handle, bytes, nowNanos, timedNanos));
            }
        }
    }
}
