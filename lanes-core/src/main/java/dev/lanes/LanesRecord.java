package dev.lanes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * A record handed to a handler, with the number of the attempt being made at it.
 *
 * <p>Instances are only valid during the handler invocation they were passed to.
 */
public interface LanesRecord<K, V> {

    /** The record as the Kafka consumer returned it. */
    ConsumerRecord<K, V> consumerRecord();

    /** 1 for the first attempt, 2 for the first retry, and so on. */
    int attempt();

    default String topic() {
        return consumerRecord().topic();
    }

    default int partition() {
        return consumerRecord().partition();
    }

    default long offset() {
        return consumerRecord().offset();
    }

    default K key() {
        return consumerRecord().key();
    }

    default V value() {
        return consumerRecord().value();
    }

    default Headers headers() {
        return consumerRecord().headers();
    }

    default long timestamp() {
        return consumerRecord().timestamp();
    }
}
