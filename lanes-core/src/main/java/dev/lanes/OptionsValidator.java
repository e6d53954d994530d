package dev.lanes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The checks behind {@link LanesOptions.Builder#build()} that span options (the consumer properties,
 * the subscription); each option's own range is checked by its {@link LanesOption}. Each failure
 * names the option and what is allowed.
 */
final class OptionsValidator {

    private static final Duration KAFKA_DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(5);

    private OptionsValidator() {
    }

    static void validate(Map<String, Object> props, boolean keyDeserializerGiven, boolean valueDeserializerGiven) {
        require(present(props, ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG),
                "consumerProperties must set bootstrap.servers (for example 127.0.0.1:9092)");
        require(present(props, ConsumerConfig.GROUP_ID_CONFIG),
                "consumerProperties must set group.id: Lanes commits offsets for a consumer group");
        Object autoCommit = props.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
        require(autoCommit == null || !"true".equalsIgnoreCase(autoCommit.toString().trim()),
                "consumerProperties has enable.auto.commit=true: Lanes commits only offsets whose records have "
                        + "ended, so remove it or set it to false");
        require(keyDeserializerGiven || present(props, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG),
                "no key deserializer: set key.deserializer in consumerProperties or call keyDeserializer(...)");
        require(valueDeserializerGiven || present(props, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG),
                "no value deserializer: set value.deserializer in consumerProperties or call valueDeserializer(...)");
        maxPollInterval(props);
    }

    static void requireExactlyOneSubscription(List<String> topics, Pattern pattern) {
        require(topics.isEmpty() != (pattern == null),
                "subscribe with either topics(...) or topicPattern(...), exactly one of them");
        for (String topic : topics) {
            require(topic != null && !topic.isBlank(), "topics must not contain a blank name");
        }
    }

    /** The consumer's max.poll.interval.ms, which bounds how long the poll loop may stop polling. */
    static Duration maxPollInterval(Map<String, Object> props) {
        Object value = props.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        if (value == null) {
            return KAFKA_DEFAULT_MAX_POLL_INTERVAL;
        }
        try {
            return Duration.ofMillis(Long.parseLong(value.toString().trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("consumerProperties has max.poll.interval.ms=" + value
                    + ", which is not a number of milliseconds");
        }
    }

    private static boolean present(Map<String, Object> props, String key) {
        Object value = props.get(key);
        return value != null && !value.toString().isBlank();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
