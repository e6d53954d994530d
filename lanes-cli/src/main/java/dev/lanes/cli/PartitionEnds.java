package dev.lanes.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The end offset of every partition of a topic, through ListOffsets. Asked right after a topic
 * was created, it also waits until every partition is open: metadata names a new partition's
 * leader a moment before that broker has opened it, and an idempotent producer sending in between
 * can lose its first batch to OUT_OF_ORDER_SEQUENCE_NUMBER retries (KAFKA-15591). ListOffsets
 * needs the open partition, and the Admin client retries it until then.
 */
final class PartitionEnds {
    private PartitionEnds() {
    }

    /** @return the end offset of each partition, by partition number */
    static long[] of(Admin admin, String topic, int partitionCount, Duration timeout) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitionCount; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try {
            long[] ends = new long[partitionCount];
            admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> ends[tp.partition()] = info.offset());
            return ends;
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException("the partitions of topic " + topic + " have no leader after "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for topic " + topic, e);
        }
    }
}
