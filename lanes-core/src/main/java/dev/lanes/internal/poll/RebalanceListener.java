package dev.lanes.internal.poll;

import dev.lanes.internal.health.HealthBoard;
import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.partition.PartitionState;

import dev.lanes.internal.offsets.DecodedOffsets;
import dev.lanes.internal.offsets.OffsetMetadataCodec;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Kafka's rebalance callbacks into partition states. Kafka calls it inside {@code poll}, on
 * the poller thread, for the classic protocol (eager and cooperative) and for KIP-848's, and hands
 * them to the {@link PartitionLifecycle}; tells the {@link HealthBoard} when a rebalance begins and ends.
 */
final class RebalanceListener implements ConsumerRebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(RebalanceListener.class);
    private static final Duration COMMITTED_TIMEOUT = Duration.ofSeconds(15);

    private final PartitionLifecycle lifecycle;
    private final Consumer<?, ?> consumer;
    private final EngineStats stats;
    private final HealthBoard health;

    RebalanceListener(PartitionLifecycle lifecycle, Consumer<?, ?> consumer, EngineStats stats, HealthBoard health) {
        this.lifecycle = lifecycle;
        this.consumer = consumer;
        this.stats = stats;
        this.health = health;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        assignedPartitions(assigned);
        // Kafka calls this at the end of every rebalance, also with nothing new (classic and KIP-848).
        health.assigned();
    }

    private void assignedPartitions(Collection<TopicPartition> assigned) {
        if (assigned.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = committed(assigned);
        long skippable = 0;
        for (TopicPartition topicPartition : assigned) {
            DecodedOffsets alreadyEnded = decode(topicPartition, committed.get(topicPartition));
            skippable += alreadyEnded.endedCount();
            lifecycle.assigned(new PartitionState(topicPartition, alreadyEnded));
        }
        log.info("Assigned {} partitions {}; {} offsets above the committed ones already ended and will be skipped",
                assigned.size(), assigned, skippable);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        health.rebalanceStarted();
        lifecycle.revoke(revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        health.rebalanceStarted();
        lifecycle.lose(lost);
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(Collection<TopicPartition> assigned) {
        try {
            return consumer.committed(new HashSet<>(assigned), COMMITTED_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("Could not read the committed offsets of {} ({}); records that already ended above them "
                    + "will be handled again", assigned, e.toString());
            return Map.of();
        }
    }

    private DecodedOffsets decode(TopicPartition topicPartition, OffsetAndMetadata committed) {
        if (committed == null) {
            return OffsetMetadataCodec.decode(null, 0);
        }
        DecodedOffsets decoded = OffsetMetadataCodec.decode(committed.metadata(), committed.offset());
        if (decoded.warrantsWarning()) {
            stats.unusableMetadata.increment();
            log.warn("{}: ignoring the commit metadata at offset {} ({}); records above it are handled again",
                    topicPartition, committed.offset(), decoded.detail());
        }
        return decoded;
    }
}
