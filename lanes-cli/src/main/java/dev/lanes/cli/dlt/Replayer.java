package dev.lanes.cli.dlt;

import dev.lanes.DeadLetterHeaders;
import dev.lanes.cli.CliException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;

/**
 * The replay loop: poll the dead letters in range, re-produce them, wait for the acknowledgements,
 * commit, until the range is done. A record that cannot be replayed (no original topic, a target
 * that does not exist, a failed write) stops the run after what came before it is replayed and
 * committed. The command's thread only; writes the counts per target.
 */
final class Replayer {
    private static final Duration POLL = Duration.ofMillis(200);

    /** How many records went where, and whether the limit left some for the next run. */
    record Result(Map<String, Long> perTarget, boolean moreRemain) {
        long total() {
            return perTarget.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final String to;
    private final TargetTopics targets;
    private final Duration stall;
    private final Map<String, Long> perTarget = new TreeMap<>();

    /**
     * @param to the topic every record goes to, or null for each record's original topic
     * @param stall how long a poll may bring nothing while records remain below the end offsets
     */
    Replayer(String to, TargetTopics targets, Duration stall) {
        this.to = to;
        this.targets = targets;
        this.stall = stall;
    }

    /** @param consumer assigned the dead-letter topic's partitions, with the replay group's id */
    Result run(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, ReplayRange range)
            throws InterruptedException {
        range.advance(consumer);
        long lastRecord = System.nanoTime();
        while (!range.done()) {
            List<ReplayBatch.Replay> replays = new ArrayList<>();
            CliException unreplayable = null;
            for (ConsumerRecord<byte[], byte[]> record : range.take(consumer.poll(POLL))) {
                try {
                    replays.add(new ReplayBatch.Replay(record, targetOf(record)));
                } catch (CliException e) {
                    unreplayable = e; // what comes before it is replayed and committed first
                    break;
                }
            }
            if (!replays.isEmpty()) {
                lastRecord = System.nanoTime();
                replayAndCommit(consumer, producer, replays);
            }
            if (unreplayable != null) {
                throw new CliException(unreplayable.getMessage() + " (" + total() + " records replayed before it)");
            }
            range.advance(consumer);
            if (!range.done() && System.nanoTime() - lastRecord > stall.toNanos()) {
                throw new CliException("no dead letter arrived for " + stall.toSeconds() + " s, though "
                        + range.describeRemaining(consumer) + " (" + total() + " records replayed)");
            }
        }
        return new Result(Map.copyOf(perTarget), range.limitReached());
    }

    private void replayAndCommit(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
                                 List<ReplayBatch.Replay> replays) throws InterruptedException {
        ReplayBatch batch = ReplayBatch.send(producer, replays);
        if (!batch.committable().isEmpty()) {
            consumer.commitSync(batch.committable());
        }
        batch.writtenPerTarget().forEach((target, n) -> perTarget.merge(target, n, Long::sum));
        if (batch.firstError() != null) {
            throw new CliException("a replayed record was not written (" + total() + " records replayed and"
                    + " committed; the rest is replayed by the next run): " + batch.firstError().getMessage(),
                    batch.firstError());
        }
    }

    private String targetOf(ConsumerRecord<byte[], byte[]> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (to != null) {
            return to;
        }
        String original = ProvenanceHeaders.originalTopic(record.headers());
        if (original == null) {
            throw new CliException(where + " has no " + DeadLetterHeaders.ORIGINAL_TOPIC
                    + " header; name the topic to replay it to with --to");
        }
        targets.require(original, "the " + DeadLetterHeaders.ORIGINAL_TOPIC + " of " + where);
        return original;
    }

    private long total() {
        return perTarget.values().stream().mapToLong(Long::longValue).sum();
    }
}
