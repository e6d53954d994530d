package dev.lanes.internal.work;

import dev.lanes.LanesRecord;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.schedule.Lane;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One polled record on its way through the engine: its lane, its handle in the partition's offset
 * tracker, and the attempt being made. It is also what the handler sees, to save an allocation.
 *
 * <p>The attempt is written only by {@code BatchSettlement} on the poller thread, between two
 * attempts; a worker reads it after the poller handed the item over through the executor, which
 * orders the two.
 */
public final class WorkItem<K, V> implements LanesRecord<K, V> {
    private final ConsumerRecord<K, V> record;
    private final PartitionState partition;
    private final Lane lane;
    private final long trackerHandle;
    private final int bytes;
    private int attempt = 1;

    public WorkItem(ConsumerRecord<K, V> record, PartitionState partition, Lane lane, long trackerHandle, int bytes) {
        this.record = record;
        this.partition = partition;
        this.lane = lane;
        this.trackerHandle = trackerHandle;
        this.bytes = bytes;
    }

    @Override
    public ConsumerRecord<K, V> consumerRecord() {
        return record;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    /** Poller thread, between attempts: the next one begins. */
    public void nextAttempt() {
        attempt++;
    }

    public PartitionState partitionState() {
        return partition;
    }

    public Lane lane() {
        return lane;
    }

    public long trackerHandle() {
        return trackerHandle;
    }

    /** Serialized key and value bytes, as counted against the buffer's byte bound. */
    public int bytes() {
        return bytes;
    }

    public static int sizeOf(ConsumerRecord<?, ?> record) {
        return Math.max(record.serializedKeySize(), 0) + Math.max(record.serializedValueSize(), 0);
    }

    @Override
    public String toString() {
        return record.topic() + "-" + record.partition() + "@" + record.offset() + " attempt " + attempt;
    }
}
