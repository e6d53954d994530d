package dev.lanes.cli.dlt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The dead letters of one poll, re-produced and waited for: what may be committed afterwards is,
 * per dead-letter partition, the offset of its first record whose write failed, else the offset
 * after its last record; so a record is committed past only once its copy is acknowledged. The
 * command's thread only.
 */
final class ReplayBatch {

    /** A dead letter and the topic it goes back to. */
    record Replay(ConsumerRecord<byte[], byte[]> deadLetter, String target) {
    }

    private final Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
    private final Map<String, Long> writtenPerTarget = new HashMap<>();
    private Exception firstError;

    private ReplayBatch() {
    }

    /**
     * Sends every record (key, value and original headers; a new timestamp; the partition the
     * target's partitioner picks for the key) and waits for each answer.
     */
    static ReplayBatch send(Producer<byte[], byte[]> producer, List<Replay> replays) throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(replays.size());
        ReplayBatch batch = new ReplayBatch();
        for (Replay replay : replays) {
            ConsumerRecord<byte[], byte[]> dead = replay.deadLetter();
            try {
                sent.add(producer.send(new ProducerRecord<>(replay.target(), null, null, dead.key(), dead.value(),
                        ProvenanceHeaders.original(dead.headers()))));
            } catch (RuntimeException e) {
                sent.add(CompletableFuture.failedFuture(e));
            }
        }
        producer.flush();
        Set<TopicPartition> failedIn = new HashSet<>();
        for (int i = 0; i < replays.size(); i++) {
            ConsumerRecord<byte[], byte[]> dead = replays.get(i).deadLetter();
            TopicPartition source = new TopicPartition(dead.topic(), dead.partition());
            if (failedIn.contains(source)) {
                // After a failed write in its partition: not committed past, so replayed next time
                // (again, if this write went through: at least once).
                continue;
            }
            try {
                sent.get(i).get();
                batch.committable.put(source, new OffsetAndMetadata(dead.offset() + 1));
                batch.writtenPerTarget.merge(replays.get(i).target(), 1L, Long::sum);
            } catch (ExecutionException e) {
                failedIn.add(source);
                if (batch.firstError == null) {
                    batch.firstError = e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        return batch;
    }

    /** Per dead-letter partition, the offset to commit. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        return committable;
    }

    /** Acknowledged copies per target topic. */
    Map<String, Long> writtenPerTarget() {
        return writtenPerTarget;
    }

    /** The first failed write, or null. */
    Exception firstError() {
        return firstError;
    }
}
