package dev.lanes.internal.failure;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Makes the Kafka clients of the dead-letter writes: an idempotent {@code acks=all} producer and
 * an Admin client for the topic check ({@link DeadLetterTopic}), both connected as the consumer is (its bootstrap servers,
 * security and client settings, whatever of {@code consumerProperties} they accept), with the
 * user's {@code retry.deadLetterProducerProperties} on top. Each is made once, at the first dead
 * letter; tests pass their own.
 */
public interface DeadLetterClients {

    Producer<byte[], byte[]> producer();

    /** Checks, at the first write, that the topic exists, and creates it if not. */
    TopicCheck topicCheck(String topic, int partitions);

    /**
     * Makes sure the dead-letter topic exists before a write ({@link DeadLetterTopic} with a real
     * cluster). Called by workers, possibly at once; blocking is allowed.
     */
    interface TopicCheck {

        /**
         * @throws dev.lanes.LanesException when the topic is missing and may not be created
         * @throws RuntimeException for a failure that may pass (the write is tried again later)
         */
        void ensureExists(String sourceTopic);

        void close();
    }

    /** The clients for a real cluster. */
    static DeadLetterClients kafka(Map<String, Object> consumerProperties, Map<String, Object> producerOverrides) {
        return new DeadLetterClients() {
            @Override
            public Producer<byte[], byte[]> producer() {
                Map<String, Object> props = accepted(consumerProperties, ProducerConfig.configNames());
                props.remove(ProducerConfig.CLIENT_ID_CONFIG);
                Object clientId = consumerProperties.get(ProducerConfig.CLIENT_ID_CONFIG);
                if (clientId != null) {
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-dead-letters");
                }
                props.putAll(producerOverrides);
                props.put(ProducerConfig.ACKS_CONFIG, "all");
                props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
            }

            @Override
            public TopicCheck topicCheck(String topic, int partitions) {
                Map<String, Object> props = accepted(consumerProperties, AdminClientConfig.configNames());
                props.putAll(accepted(producerOverrides, AdminClientConfig.configNames()));
                props.remove(AdminClientConfig.CLIENT_ID_CONFIG);
                return new DeadLetterTopic(topic, partitions, Admin.create(props));
            }
        };
    }

    private static Map<String, Object> accepted(Map<String, Object> properties, java.util.Set<String> names) {
        Map<String, Object> accepted = new HashMap<>();
        properties.forEach((name, value) -> {
            if (names.contains(name)) {
                accepted.put(name, value);
            }
        });
        return accepted;
    }
}
