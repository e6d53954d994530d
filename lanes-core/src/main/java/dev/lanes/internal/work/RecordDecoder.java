package dev.lanes.internal.work;

import java.nio.ByteBuffer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RecordDeserializationException.DeserializationExceptionOrigin;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a record's bytes into the user's key and value types, on the worker that runs it (DESIGN.md,
 * "bytes until the worker"): the poller thread only moves bytes, and a value that cannot be
 * deserialized fails one record instead of the poll. Any number of workers call it at once, so
 * the user's deserializers must be thread-safe, as Kafka's own are. Holds no mutable state.
 */
public final class RecordDecoder<K, V> {
    private final Deserializer<K> keys;
    private final Deserializer<V> values;

    public RecordDecoder(Deserializer<K> keys, Deserializer<V> values) {
        this.keys = keys;
        this.values = values;
    }

    /**
     * The record with its key and value deserialized (with the record's headers, for
     * deserializers that read them).
     *
     * @throws RecordDeserializationException naming the partition, offset and which part failed
     */
    public ConsumerRecord<K, V> decode(ConsumerRecord<byte[], byte[]> raw) {
        return typed(raw, key(raw), value(raw));
    }

    /** The key in the user's type; throws as {@link #decode} does. */
    K key(ConsumerRecord<byte[], byte[]> raw) {
        return deserialize(keys, raw, raw.key(), DeserializationExceptionOrigin.KEY);
    }

    /** The value in the user's type; throws as {@link #decode} does. */
    V value(ConsumerRecord<byte[], byte[]> raw) {
        return deserialize(values, raw, raw.value(), DeserializationExceptionOrigin.VALUE);
    }

    /** The record with this key and value, everything else as fetched. */
    static <K, V> ConsumerRecord<K, V> typed(ConsumerRecord<byte[], byte[]> raw, K key, V value) {
        return new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(),
                raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(), key, value, raw.headers(),
                raw.leaderEpoch());
    }

    private static <T> T deserialize(Deserializer<T> deserializer, ConsumerRecord<byte[], byte[]> raw, byte[] bytes,
                                     DeserializationExceptionOrigin origin) {
        try {
            return deserializer.deserialize(raw.topic(), raw.headers(), bytes);
        } catch (RuntimeException e) {
            throw new RecordDeserializationException(origin, new TopicPartition(raw.topic(), raw.partition()),
                    raw.offset(), raw.timestamp(), raw.timestampType(), wrap(raw.key()), wrap(raw.value()),
                    raw.headers(), "cannot deserialize the " + origin.name().toLowerCase() + " of "
                    + raw.topic() + "-" + raw.partition() + "@" + raw.offset() + ": " + e, e);
        }
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    /** Closes both deserializers, as a KafkaConsumer closes its own. */
    public void close() {
        keys.close();
        values.close();
    }
}
