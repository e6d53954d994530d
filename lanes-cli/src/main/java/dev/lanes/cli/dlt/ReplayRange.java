package dev.lanes.cli.dlt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Which dead letters one replay takes: those below each partition's end offset at start (later
 * ones wait for the next run, so a replay always ends, even while dead letters keep coming), and
 * at most {@code --limit} of them. A partition read up to its end is paused. The command's thread
 * only; writes the partitions still to read and the count replayed.
 */
final class ReplayRange {
    private final Map<TopicPartition, Long> remaining;
    private final long limit;
    private long taken;
    private boolean leftBehind;

    /** @param ends each partition's end offset at start */
    ReplayRange(Map<TopicPartition, Long> ends, long limit) {
        this.remaining = new HashMap<>(ends);
        this.limit = limit;
    }

    /** Drops (and pauses) the partitions whose position reached their end. */
    void advance(Consumer<?, ?> consumer) {
        List<TopicPartition> reached = new ArrayList<>();
        remaining.forEach((partition, end) -> {
            if (consumer.position(partition) >= end) {
                reached.add(partition);
            }
        });
        reached.forEach(remaining::remove);
        consumer.pause(reached);
    }

    /** The records of a poll to replay, in the poll's order, counted against the limit. */
    List<ConsumerRecord<byte[], byte[]>> take(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> taken = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Long end = remaining.get(new TopicPartition(record.topic(), record.partition()));
            if (end == null || record.offset() >= end) {
                continue;
            }
            if (this.taken < limit) {
                taken.add(record);
                this.taken++;
            } else {
                leftBehind = true; // fetched, but over the limit: the next run replays it
            }
        }
        return taken;
    }

    /** Whether every partition was read to its end, or the limit was reached. */
    boolean done() {
        return remaining.isEmpty() || limitReached();
    }

    /** Whether the limit stopped the replay with dead letters left below the end offsets. */
    boolean limitReached() {
        return leftBehind || taken >= limit && !remaining.isEmpty();
    }

    /** {@code dlt-0 is at ... below its end offset 17}, for a message. */
    String describeRemaining(Consumer<?, ?> consumer) {
        return remaining.entrySet().stream().map(e -> e.getKey() + " is at " + consumer.position(e.getKey())
                + ", below its end offset " + e.getValue()).collect(Collectors.joining(", "));
    }
}
