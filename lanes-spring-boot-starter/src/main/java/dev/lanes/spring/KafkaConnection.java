package dev.lanes.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The Kafka consumer settings the application already uses, so that a Lanes listener connects as its
 * Spring Kafka listeners do: those of Spring Kafka's {@link ConsumerFactory} bean when there is one
 * (Boot builds it from {@code spring.kafka.*}: bootstrap servers, {@code spring.kafka.consumer.*},
 * {@code spring.kafka.properties.*}, security, SSL bundles and connection details, plus what the
 * application's customizers or its own factory add), else Boot's {@link KafkaProperties} as they are.
 */
final class KafkaConnection {
    private KafkaConnection() {
    }

    static Map<String, Object> of(ObjectProvider<ConsumerFactory<?, ?>> consumerFactory,
                                  ObjectProvider<KafkaProperties> kafkaProperties) {
        ConsumerFactory<?, ?> factory = consumerFactory.getIfUnique();
        if (factory != null) {
            return new LinkedHashMap<>(factory.getConfigurationProperties());
        }
        KafkaProperties properties = kafkaProperties.getIfAvailable(KafkaProperties::new);
        return properties.buildConsumerProperties();
    }

    /** The settings for one listener's consumer. */
    static Map<String, Object> forListener(Map<String, Object> connection, String listenerId) {
        Map<String, Object> props = new LinkedHashMap<>(connection);
        // Lanes commits only records that ended and refuses auto-commit; Spring Kafka's own listeners
        // may use it, so the application's setting is not an error here.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Object clientId = props.get(ConsumerConfig.CLIENT_ID_CONFIG);
        if (clientId != null && !clientId.toString().isBlank()) {
            // One client id per consumer, as Spring Kafka's containers do, so their metrics stay apart.
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + listenerId);
        }
        return props;
    }
}
