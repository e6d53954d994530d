package dev.lanes.internal.backlog;

import dev.lanes.PartitionBacklog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Reads a group's backlog through an Admin client, as any outsider can: the group's commits
 * (offsets and metadata), the topics' partitions, their end offsets, and the start offsets of the
 * partitions never committed. Four requests at most, all within one deadline; the caller's thread,
 * which blocks. Holds nothing between calls.
 */
public final class BacklogReader {

    private final Admin admin;
    private final long deadlineNanos;
    private final Duration timeout;

    private BacklogReader(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /**
     * @param topics the topics to report, or empty for every topic the group committed
     * @return every partition of those topics, by topic then partition
     * @throws IllegalArgumentException when a named topic does not exist
     * @throws KafkaException when the brokers refuse or do not answer in time ({@link TimeoutException})
     */
    public static List<PartitionBacklog> read(Admin admin, String groupId, Collection<String> topics,
            Duration timeout) {
        return new BacklogReader(admin, timeout).read(groupId, topics);
    }

    private List<PartitionBacklog> read(String groupId, Collection<String> topics) {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(groupId);
        boolean everyCommittedTopic = topics.isEmpty();
        Set<String> wanted = new TreeSet<>(topics);
        if (everyCommittedTopic) {
            committed.keySet().forEach(partition -> wanted.add(partition.topic()));
        }
        List<TopicPartition> partitions = partitionsOf(wanted, everyCommittedTopic);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        List<TopicPartition> neverCommitted = partitions.stream().filter(p -> committed.get(p) == null).toList();
        Map<TopicPartition, Long> starts = offsets(neverCommitted, OffsetSpec.earliest());
        List<PartitionBacklog> result = new ArrayList<>(partitions.size());
        for (TopicPartition partition : partitions) {
            result.add(PartitionArithmetic.of(partition, ends.get(partition), committed.get(partition),
                    starts.getOrDefault(partition, 0L)));
        }
        return result;
    }

    /** The group's commits; partitions without one are absent (or mapped to null by some brokers). */
    private Map<TopicPartition, OffsetAndMetadata> committed(String groupId) {
        try {
            return new HashMap<>(await(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(),
                    "the committed offsets of group " + groupId));
        } catch (GroupIdNotFoundException e) {
            return new HashMap<>(); // a group that never committed: every partition is NO_COMMIT
        }
    }

    /**
     * Every partition of the topics, by topic then partition. A named topic that does not exist is
     * an error; a topic the group committed to but that was deleted since is left out.
     */
    private List<TopicPartition> partitionsOf(Set<String> topics, boolean skipMissing) {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics).topicNameValues();
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        for (String topic : topics) {
            TopicDescription description;
            try {
                description = await(described.get(topic), "the partitions of topic " + topic);
            } catch (UnknownTopicOrPartitionException e) {
                if (skipMissing) {
                    continue;
                }
                throw new IllegalArgumentException("topic " + topic + " does not exist", e);
            }
            description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        List<TopicPartition> sorted = new ArrayList<>(partitions);
        sorted.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        return sorted;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, ListOffsetsResultInfo> infos = await(admin.listOffsets(request).all(),
                "the offsets of " + partitions.size() + " partitions");
        Map<TopicPartition, Long> offsets = new HashMap<>();
        infos.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** The future's value within what is left of the timeout; Kafka's own exception on failure. */
    private <T> T await(KafkaFuture<T> future, String what) {
        long left = Math.max(1, deadlineNanos - System.nanoTime());
        try {
            return future.get(left, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("could not read " + what + " within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KafkaException kafka) {
                throw kafka;
            }
            throw new KafkaException("could not read " + what + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        }
    }
}
