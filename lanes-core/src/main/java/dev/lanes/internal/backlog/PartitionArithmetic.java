package dev.lanes.internal.backlog;

import dev.lanes.PartitionBacklog;
import dev.lanes.PartitionBacklog.MetadataStatus;
import dev.lanes.internal.offsets.DecodedOffsets;
import dev.lanes.internal.offsets.OffsetMetadataCodec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The backlog of one partition from what Kafka tells an outsider: its end offset, the group's
 * commit (offset and metadata) and, for a partition never committed, its start offset. Pure and
 * stateless; the metadata is read with the engine's own codec, so the reader and the writer
 * cannot disagree on the format.
 */
final class PartitionArithmetic {

    private PartitionArithmetic() {
    }

    /**
     * @param committed the group's commit, or null when it has none for this partition
     * @param logStartOffset the log's first offset; used only when {@code committed} is null
     */
    static PartitionBacklog of(TopicPartition partition, long endOffset, OffsetAndMetadata committed,
            long logStartOffset) {
        if (committed == null) {
            long lag = Math.max(0, endOffset - logStartOffset);
            return new PartitionBacklog(partition.topic(), partition.partition(), endOffset,
                    PartitionBacklog.NO_COMMITTED_OFFSET, lag, 0, lag, MetadataStatus.NO_COMMIT,
                    "no committed offset: counted from the log start offset " + logStartOffset);
        }
        long committedOffset = committed.offset();
        long kafkaLag = Math.max(0, endOffset - committedOffset);
        DecodedOffsets decoded = OffsetMetadataCodec.decode(committed.metadata(), committedOffset);
        // Every decoded offset lies above the committed one; those at or past the end offset (a
        // truncated log) are not in Kafka's lag either, so they are not subtracted from it.
        long ended = decoded.status() == DecodedOffsets.Status.OURS ? decoded.endedCountBelow(endOffset) : 0;
        return new PartitionBacklog(partition.topic(), partition.partition(), endOffset, committedOffset, kafkaLag,
                ended, kafkaLag - ended, statusOf(decoded.status()), decoded.detail());
    }

    private static MetadataStatus statusOf(DecodedOffsets.Status status) {
        return switch (status) {
            case OURS -> MetadataStatus.LANES;
            case EMPTY -> MetadataStatus.NONE;
            case FOREIGN -> MetadataStatus.FOREIGN;
            case GARBLED, STALE -> MetadataStatus.UNREADABLE;
        };
    }
}
