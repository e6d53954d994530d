package dev.lanes.internal;

import dev.lanes.LanesRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One polled record on its way through the engine: its lane, its handle in the partition's offset
 * tracker, and the attempt being made. It is also what the handler sees, to save an allocation.
 *
 * <p>The mutable fields belong to the poller thread; a worker reads {@code attempt} after the
 * poller handed the item over through the executor, which orders the two.
 */
final class WorkItem<K, V> implements LanesRecord<K, V> {
    final ConsumerRecord<K, V> record;
    final PartitionState partition;
    final Lane lane;
    final long trackerHandle;
    final int bytes;
    int attempt = 1;
    /** When a failed item may be retried (System.nanoTime scale). */
    long dueNanos;

    WorkItem(ConsumerRecord<K, V> record, PartitionState partition, Lane lane, long trackerHandle, int bytes) {
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

    static int sizeOf(ConsumerRecord<?, ?> record) {
        return Math.max(record.serializedKeySize(), 0) + Math.max(record.serializedValueSize(), 0);
    }

    @Override
    public String toString() {
        return record.topic() + "-" + record.partition() + "@" + record.offset() + " attempt " + attempt;
    }
}
