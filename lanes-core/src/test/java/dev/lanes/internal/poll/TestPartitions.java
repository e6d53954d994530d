package dev.lanes.internal.poll;

import dev.lanes.internal.offsets.OffsetMetadataCodec;
import dev.lanes.internal.partition.PartitionState;
import org.apache.kafka.common.TopicPartition;

/**
 * Partition states for unit tests of any stage. It sits in the lifecycle's package because only
 * {@link PartitionLifecycle} may revoke a partition; a test stands in for it here.
 */
public final class TestPartitions {
    private TestPartitions() {
    }

    /** A fresh state of partition {@code number} of topic "t", with no previous owner's offsets. */
    public static PartitionState partition(int number) {
        return new PartitionState(new TopicPartition("t", number), OffsetMetadataCodec.decode(null, 0));
    }

    /** Marks the partition revoked, as {@link PartitionLifecycle} does when it gives it up. */
    public static void revoke(PartitionState partition) {
        partition.ownership().markRevoked();
    }
}
