package dev.lanes.internal;

import dev.lanes.LanesException;
import dev.lanes.LanesOptions;
import dev.lanes.internal.work.RecordDecoder;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The user's key and value deserializers: the instances given to the builder, or the classes named
 * by {@code key.deserializer} and {@code value.deserializer}, created and configured with the
 * consumer's properties as a {@code KafkaConsumer} would. The consumer itself is given byte-array
 * deserializers; these run on the workers ({@link RecordDecoder}). Called once, at start.
 */
final class Deserializers {
    private Deserializers() {
    }

    static <K, V> RecordDecoder<K, V> decoderFor(LanesOptions<K, V> options, Map<String, Object> props) {
        Deserializer<K> keys = options.keyDeserializer()
                .orElseGet(() -> configured(props, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, true));
        Deserializer<V> values = options.valueDeserializer()
                .orElseGet(() -> configured(props, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, false));
        return new RecordDecoder<>(keys, values);
    }

    @SuppressWarnings("unchecked")
    private static <T> Deserializer<T> configured(Map<String, Object> props, String setting, boolean isKey) {
        Object named = props.get(setting);
        try {
            Class<?> type = named instanceof Class<?>
                    ? (Class<?>) named
                    : Class.forName(String.valueOf(named).trim(), true, classLoader());
            if (!Deserializer.class.isAssignableFrom(type)) {
                throw new LanesException(setting + "=" + named + " is not a " + Deserializer.class.getName());
            }
            Deserializer<T> deserializer = (Deserializer<T>) type.getDeclaredConstructor().newInstance();
            deserializer.configure(props, isKey);
            return deserializer;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new LanesException("cannot create " + setting + "=" + named + ": " + e, e);
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Deserializers.class.getClassLoader();
    }
}
