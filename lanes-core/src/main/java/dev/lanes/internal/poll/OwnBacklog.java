package dev.lanes.internal.poll;

import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.offsets.OffsetTracker;
import dev.lanes.internal.partition.PartitionState;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The instance's own view of what is left in each owned partition (guarantee 11, from inside):
 * end offset − committable offset − offsets above it that ended. The consumer knows the distance
 * from its position to the end ({@code currentLag}, no request to the broker), and the tracker
 * knows the rest: backlog = lag + (position − committable) − ended above committable, where the
 * position is the offset after the last one tracked (the next the partition's fetch returns).
 *
 * <p>Offsets a previous owner ended and this one has not polled yet still count (as in the lag);
 * a partition whose lag the consumer does not know yet (nothing fetched) is left out.
 *
 * <p>Confined to the poller thread; measures at most once per {@link #INTERVAL_NANOS} and publishes
 * to {@link EngineStats#publishBacklog}, its only writer. Writes its own next due time.
 */
final class OwnBacklog {
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private long nextNanos;
    private boolean measured;

    void maybeMeasure(Consumer<?, ?> consumer, Collection<PartitionState> partitions, long nowNanos,
                      EngineStats stats) {
        if (measured && nowNanos - nextNanos < 0) {
            return;
        }
        measured = true;
        nextNanos = nowNanos + INTERVAL_NANOS;
        Map<TopicPartition, Long> byPartition = new HashMap<>();
        long total = 0;
        for (PartitionState partition : partitions) {
            OptionalLong lag = consumer.currentLag(partition.topicPartition());
            if (lag.isEmpty()) {
                continue;
            }
            long backlog = lag.getAsLong() + heldAboveCommittable(partition.tracker());
            byPartition.put(partition.topicPartition(), backlog);
            total += backlog;
        }
        stats.publishBacklog(Map.copyOf(byPartition), total);
    }

    /** Offsets from the committable one to the last tracked, less those of them that ended. */
    static long heldAboveCommittable(OffsetTracker tracker) {
        if (tracker == null) {
            return 0;
        }
        return Math.max(0, tracker.lastTrackedOffset() + 1 - tracker.committableOffset()
                - tracker.endedAboveCommittableCount());
    }
}
