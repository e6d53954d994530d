package dev.lanes.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The end offset of every partition of a topic, through ListOffsets. Asked right after a topic
 * was created, it also waits until every partition is open: metadata names a new partition's
 * leader a moment before that broker has opened it, and an idempotent producer sending in between
 * can lose its first batch to OUT_OF_ORDER_SEQUENCE_NUMBER retries (KAFKA-15591). ListOffsets
 * needs the open partition. Before it, the topic must be in the metadata of the broker asked: the
 * Admin client does not retry ListOffsets on an unknown topic (and logs it as an error), so this
 * first waits until DescribeTopics shows every partition with a leader. Used on the caller's thread.
 */
public final class PartitionEnds {
    private static final long RETRY_MILLIS = 50;

    private PartitionEnds() {
    }

    /** @return the end offset of each partition, by partition number */
    public static long[] of(Admin admin, String topic, int partitionCount, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        try {
            while (System.nanoTime() - deadline < 0) {
                Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
                try {
                    if (allLed(admin, topic, partitionCount, left)) {
                        return endOffsets(admin, topic, partitionCount, left);
                    }
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException)) {
                        throw new CliException("cannot read the offsets of topic " + topic + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                    last = e.getCause(); // not in this broker's metadata yet, or not open yet
                }
                Thread.sleep(RETRY_MILLIS);
            }
        } catch (TimeoutException e) {
            last = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for topic " + topic, e);
        }
        throw new CliException("the partitions of topic " + topic + " have no leader after " + timeout.toSeconds()
                + " s" + (last == null ? "" : " (" + last.getMessage() + ")"), last);
    }

    private static boolean allLed(Admin admin, String topic, int partitionCount, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        return description.partitions().size() == partitionCount
                && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    private static long[] endOffsets(Admin admin, String topic, int partitionCount, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitionCount; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long[] ends = new long[partitionCount];
        admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((tp, info) -> ends[tp.partition()] = info.offset());
        return ends;
    }
}
