package dev.lanes;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One failed attempt at a record, as a {@link FailureHandler} sees it.
 *
 * @param record the record as fetched, in bytes (it may be the very record that cannot be deserialized)
 * @param attempt the attempt that failed, from 1; 0 when the record could not be deserialized
 * @param error what the handler threw, the deserializer's failure
 *     ({@link org.apache.kafka.common.errors.RecordDeserializationException}), or a
 *     {@link HandlerTimeoutException}
 * @param retryable whether the policy would retry it: false for deserialization failures and the
 *     exceptions named by {@link RetryPolicy.Builder#notRetryable}
 * @param exhausted whether this was the policy's last attempt
 */
public record FailedAttempt(ConsumerRecord<byte[], byte[]> record, int attempt, Throwable error, boolean retryable,
                            boolean exhausted) {
}
