package dev.lanes.internal.work;

import dev.lanes.LanesRecord;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.schedule.Lane;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One polled record on its way through the engine: its lane, its handle in the partition's offset
 * tracker, and the attempt being made. It is also what the handler sees, to save an allocation.
 *
 * <p>It carries the record as fetched, in bytes; the worker that runs it deserializes it
 * ({@link #decode}) just before the handler sees it.
 *
 * <p>The attempt, and when the record was first handed to a worker, are written only by
 * {@code BatchSettlement} on the poller thread, between two attempts (the latter once, at its
 * first failure: a record that succeeds at once costs nothing); the decoded record and the
 * attempt's timings only by the worker running an attempt (and the timings only when a listener
 * wants them). Each is read by the other side after a hand-over through the executor or the inbox,
 * which orders the two.
 */
public final class WorkItem<K, V> implements LanesRecord<K, V> {
    /** A timing not taken: no listener wanted it, or the attempt never started or never returned. */
    public static final long NOT_TIMED = Long.MIN_VALUE;

    private final ConsumerRecord<byte[], byte[]> record;
    private final PartitionState partition;
    private final Lane lane;
    private final long trackerHandle;
    private final int bytes;
    /** When the poller queued it (its clock), for how long a lane's first record has waited. */
    private final long polledNanos;
    private int attempt = 1;
    /** When its first attempt was handed to a worker; set at its first failure ({@link #handedAt}). */
    private long firstHandedNanos;
    private boolean handedBefore;
    /**
     * Its timings, made only while a listener wants them (at the poll, or by the worker at its
     * first timed attempt): without one, a record carries one null reference, not four longs.
     */
    private Timings timings;
    /** The key and value in the user's types, once a worker deserialized them. */
    private boolean decoded;
    private K key;
    private V value;
    /** Made only if the handler asks for it: most read key and value through this item. */
    private ConsumerRecord<K, V> typedRecord;

    public WorkItem(ConsumerRecord<byte[], byte[]> record, PartitionState partition, Lane lane, long trackerHandle,
                    int bytes) {
        this(record, partition, lane, trackerHandle, bytes, NOT_TIMED);
    }

    /**
     * @param polledNanos when the poll that brought it returned, by {@link System#nanoTime()}, or
     *     {@link #NOT_TIMED}
     */
    public WorkItem(ConsumerRecord<byte[], byte[]> record, PartitionState partition, Lane lane, long trackerHandle,
                    int bytes, long polledNanos) {
        this(record, partition, lane, trackerHandle, bytes, polledNanos == NOT_TIMED ? 0 : polledNanos, polledNanos);
    }

    /**
     * @param pollerNanos when the poll that brought it returned, on the poller's clock (health)
     * @param timedNanos the same by {@link System#nanoTime()} for the observers, or {@link #NOT_TIMED}
     */
    public WorkItem(ConsumerRecord<byte[], byte[]> record, PartitionState partition, Lane lane, long trackerHandle,
                    int bytes, long pollerNanos, long timedNanos) {
        this.timings = timedNanos == NOT_TIMED ? null : new Timings(timedNanos);
        this.record = record;
        this.partition = partition;
        this.lane = lane;
        this.trackerHandle = trackerHandle;
        this.bytes = bytes;
        this.polledNanos = pollerNanos;
    }

    /** The record as the handler sees it; only once {@link #decode} succeeded. */
    @Override
    public ConsumerRecord<K, V> consumerRecord() {
        if (typedRecord == null && decoded) {
            typedRecord = RecordDecoder.typed(record, key, value);
        }
        return typedRecord;
    }

    @Override
    public K key() {
        return key;
    }

    @Override
    public V value() {
        return value;
    }

    @Override
    public org.apache.kafka.common.header.Headers headers() {
        return record.headers();
    }

    @Override
    public long timestamp() {
        return record.timestamp();
    }

    /** The record as fetched, in bytes. */
    public ConsumerRecord<byte[], byte[]> rawRecord() {
        return record;
    }

    /** Worker thread: deserializes the record, once; throws what the decoder throws. */
    void decode(RecordDecoder<K, V> decoder) {
        if (!decoded) {
            key = decoder.key(record);
            value = decoder.value(record);
            decoded = true;
        }
    }

    @Override
    public String topic() {
        return record.topic();
    }

    @Override
    public int partition() {
        return record.partition();
    }

    @Override
    public long offset() {
        return record.offset();
    }

    @Override
    public int attempt() {
        return attempt;
    }

    public long polledNanos() {
        return polledNanos;
    }

    /**
     * Poller thread, when an attempt failed: the record has been in flight since the hand-off of
     * {@code batchHandedNanos}, unless an earlier attempt was handed off before.
     */
    public void handedAt(long batchHandedNanos) {
        if (!handedBefore) {
            handedBefore = true;
            firstHandedNanos = batchHandedNanos;
        }
    }

    /**
     * When its first attempt was handed to a worker: known once an attempt failed, so for every
     * record waiting for a retry or a dead-letter write.
     */
    public long firstHandedNanos() {
        return firstHandedNanos;
    }

    /** Since when the record is in flight, given the hand-off time of the batch now holding it. */
    public long inFlightSince(long batchHandedNanos) {
        return handedBefore ? firstHandedNanos : batchHandedNanos;
    }

    /** Worker, only when a listener wants timings: an attempt starts at {@code nanos}. */
    void attemptStarting(long nanos) {
        if (timings == null) {
            timings = new Timings(NOT_TIMED); // the listener came after its poll
        }
        timings.attemptStartNanos = nanos;
        timings.attemptEndNanos = NOT_TIMED;
        if (timings.firstStartNanos == NOT_TIMED) {
            timings.firstStartNanos = nanos;
        }
    }

    /** Worker, only when a listener wants timings: the attempt returned at {@code nanos} (not timed out). */
    void attemptReturned(long nanos) {
        timings.attemptEndNanos = nanos;
    }

    /**
     * Poller thread, once the attempt came back: how long it ran; for one timed out (its worker never
     * said it returned), until {@code nowNanos} (by {@link System#nanoTime()}, the workers' clock);
     * 0 when it never started or was not timed.
     */
    public long handlerNanos(long nowNanos) {
        if (timings == null || timings.attemptStartNanos == NOT_TIMED) {
            return 0;
        }
        long end = timings.attemptEndNanos == NOT_TIMED ? nowNanos : timings.attemptEndNanos;
        return Math.max(0, end - timings.attemptStartNanos);
    }

    /** Poller thread: from its poll to its first attempt's start; -1 when either was not timed. */
    public long queuedNanos() {
        if (timings == null || timings.polledNanos == NOT_TIMED || timings.firstStartNanos == NOT_TIMED) {
            return -1;
        }
        return Math.max(0, timings.firstStartNanos - timings.polledNanos);
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

    /** Serialized key, value and header bytes, as counted against the buffer's byte bound. */
    public int bytes() {
        return bytes;
    }

    public static int sizeOf(ConsumerRecord<?, ?> record) {
        int size = Math.max(record.serializedKeySize(), 0) + Math.max(record.serializedValueSize(), 0);
        for (org.apache.kafka.common.header.Header header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    /**
     * When its poll returned (written by the poller at the poll), and its first attempt's start and
     * the current attempt's start and end (written by the worker running the attempt).
     */
    private static final class Timings {
        final long polledNanos;
        long firstStartNanos = NOT_TIMED;
        long attemptStartNanos = NOT_TIMED;
        long attemptEndNanos = NOT_TIMED;

        Timings(long polledNanos) {
            this.polledNanos = polledNanos;
        }
    }

    @Override
    public String toString() {
        return record.topic() + "-" + record.partition() + "@" + record.offset() + " attempt " + attempt;
    }
}
