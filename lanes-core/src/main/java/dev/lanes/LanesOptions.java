package dev.lanes;

import static dev.lanes.LanesOption.CLOSE_TIMEOUT;
import static dev.lanes.LanesOption.COMMIT_INTERVAL;
import static dev.lanes.LanesOption.HANDLER_TIMEOUT;
import static dev.lanes.LanesOption.HEALTH_LIST_SIZE;
import static dev.lanes.LanesOption.HEALTH_STALLED_AFTER;
import static dev.lanes.LanesOption.HEALTH_STUCK_AFTER;
import static dev.lanes.LanesOption.MAX_BATCH_SIZE;
import static dev.lanes.LanesOption.MAX_BUFFERED_BYTES;
import static dev.lanes.LanesOption.MAX_BUFFERED_RECORDS;
import static dev.lanes.LanesOption.MAX_CONCURRENCY;
import static dev.lanes.LanesOption.OFFSET_METADATA_MAX_CHARS;
import static dev.lanes.LanesOption.ORDERING;
import static dev.lanes.LanesOption.ORDER_NULL_KEYS;
import static dev.lanes.LanesOption.REVOKE_TIMEOUT;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Every setting of a {@link LanesConsumer}, immutable once built. Each option is declared once in
 * {@link LanesOption} (its default, allowed values and description; the reference is
 * docs/OPTIONS.md); {@link Builder#build()} checks every value against its declaration and names
 * the bad option and its allowed range.
 */
public final class LanesOptions<K, V> {

    private final Map<String, Object> consumerProperties;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final List<String> topics;
    private final Pattern topicPattern;
    private final Ordering ordering;
    private final boolean orderNullKeys;
    private final int maxConcurrency;
    private final int maxBufferedRecords;
    private final long maxBufferedBytes;
    private final int maxBatchSize;
    private final Duration commitInterval;
    private final Duration revokeTimeout;
    private final Duration closeTimeout;
    private final RetryPolicy retryPolicy;
    private final Duration handlerTimeout;
    private final int offsetMetadataMaxChars;
    private final Duration healthStuckAfter;
    private final Duration healthStalledAfter;
    private final int healthListSize;
    private final Executor executor;

    private LanesOptions(Builder<K, V> b) {
        this.consumerProperties = Map.copyOf(b.consumerProperties);
        this.keyDeserializer = b.keyDeserializer;
        this.valueDeserializer = b.valueDeserializer;
        this.topics = b.topics;
        this.topicPattern = b.topicPattern;
        this.ordering = b.ordering;
        this.orderNullKeys = b.orderNullKeys;
        this.maxConcurrency = b.maxConcurrency;
        this.maxBufferedRecords = b.maxBufferedRecords;
        this.maxBufferedBytes = b.maxBufferedBytes;
        this.maxBatchSize = b.maxBatchSize;
        this.commitInterval = b.commitInterval;
        this.revokeTimeout = b.revokeTimeout;
        this.closeTimeout = b.closeTimeout;
        this.retryPolicy = b.retryPolicy;
        this.handlerTimeout = b.handlerTimeout;
        this.offsetMetadataMaxChars = b.offsetMetadataMaxChars;
        this.healthStuckAfter = b.healthStuckAfter;
        this.healthStalledAfter = b.healthStalledAfter;
        this.healthListSize = b.healthListSize;
        this.executor = b.executor;
    }

    public static <K, V> Builder<K, V> builder() {
        return new Builder<>();
    }

    public Map<String, Object> consumerProperties() { return consumerProperties; }
    public Optional<Deserializer<K>> keyDeserializer() { return Optional.ofNullable(keyDeserializer); }
    public Optional<Deserializer<V>> valueDeserializer() { return Optional.ofNullable(valueDeserializer); }
    /** The topics subscribed to, empty when {@link #topicPattern()} is used. */
    public List<String> topics() { return topics; }
    public Optional<Pattern> topicPattern() { return Optional.ofNullable(topicPattern); }
    public Ordering ordering() { return ordering; }
    public boolean orderNullKeys() { return orderNullKeys; }
    public int maxConcurrency() { return maxConcurrency; }
    public int maxBufferedRecords() { return maxBufferedRecords; }
    public long maxBufferedBytes() { return maxBufferedBytes; }
    public int maxBatchSize() { return maxBatchSize; }
    public Duration commitInterval() { return commitInterval; }
    public Duration revokeTimeout() { return revokeTimeout; }
    public Duration closeTimeout() { return closeTimeout; }
    public RetryPolicy retryPolicy() { return retryPolicy; }
    /** {@link LanesOption#HANDLER_TIMEOUT}; zero when off. */
    public Duration handlerTimeout() { return handlerTimeout; }
    /** 0 means: read {@code offset.metadata.max.bytes} from the broker, else 4096. */
    public int offsetMetadataMaxChars() { return offsetMetadataMaxChars; }
    /** {@link LanesOption#HEALTH_STUCK_AFTER}. */
    public Duration healthStuckAfter() { return healthStuckAfter; }
    /** {@link LanesOption#HEALTH_STALLED_AFTER}. */
    public Duration healthStalledAfter() { return healthStalledAfter; }
    /** {@link LanesOption#HEALTH_LIST_SIZE}. */
    public int healthListSize() { return healthListSize; }
    public Optional<Executor> executor() { return Optional.ofNullable(executor); }

    /** Collects settings; {@link #build()} validates them all. Not thread-safe. */
    public static final class Builder<K, V> {
        private final Map<String, Object> consumerProperties = new HashMap<>();
        private Deserializer<K> keyDeserializer;
        private Deserializer<V> valueDeserializer;
        private List<String> topics = List.of();
        private Pattern topicPattern;
        private Ordering ordering = ORDERING.defaultValue();
        private boolean orderNullKeys = ORDER_NULL_KEYS.defaultValue();
        private int maxConcurrency = MAX_CONCURRENCY.defaultValue();
        private int maxBufferedRecords = MAX_BUFFERED_RECORDS.defaultValue();
        private long maxBufferedBytes = MAX_BUFFERED_BYTES.defaultValue();
        private int maxBatchSize = MAX_BATCH_SIZE.defaultValue();
        private Duration commitInterval = COMMIT_INTERVAL.defaultValue();
        private Duration revokeTimeout = REVOKE_TIMEOUT.defaultValue();
        private Duration closeTimeout = CLOSE_TIMEOUT.defaultValue();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration handlerTimeout = HANDLER_TIMEOUT.defaultValue();
        private int offsetMetadataMaxChars = OFFSET_METADATA_MAX_CHARS.defaultValue();
        private Duration healthStuckAfter = HEALTH_STUCK_AFTER.defaultValue();
        private Duration healthStalledAfter = HEALTH_STALLED_AFTER.defaultValue();
        private int healthListSize = HEALTH_LIST_SIZE.defaultValue();
        private Executor executor;

        private Builder() {
        }

        /** {@link LanesOption#CONSUMER_PROPERTIES}; may be called several times, later keys win. */
        public Builder<K, V> consumerProperties(Map<String, ?> properties) {
            consumerProperties.putAll(Objects.requireNonNull(properties, "consumerProperties"));
            return this;
        }

        /** {@link LanesOption#CONSUMER_PROPERTIES}: one Kafka consumer setting. */
        public Builder<K, V> consumerProperty(String name, Object value) {
            consumerProperties.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /** {@link LanesOption#KEY_DESERIALIZER}. */
        public Builder<K, V> keyDeserializer(Deserializer<K> deserializer) {
            this.keyDeserializer = deserializer;
            return this;
        }

        /** {@link LanesOption#VALUE_DESERIALIZER}. */
        public Builder<K, V> valueDeserializer(Deserializer<V> deserializer) {
            this.valueDeserializer = deserializer;
            return this;
        }

        /** {@link LanesOption#TOPICS}. */
        public Builder<K, V> topics(String... topics) {
            return topics(List.of(topics));
        }

        /** {@link LanesOption#TOPICS}. */
        public Builder<K, V> topics(Collection<String> topics) {
            this.topics = List.copyOf(topics);
            return this;
        }

        /** {@link LanesOption#TOPIC_PATTERN}. */
        public Builder<K, V> topicPattern(Pattern pattern) {
            this.topicPattern = pattern;
            return this;
        }

        /** {@link LanesOption#ORDERING}. */
        public Builder<K, V> ordering(Ordering ordering) {
            this.ordering = ordering;
            return this;
        }

        /** {@link LanesOption#ORDER_NULL_KEYS}. */
        public Builder<K, V> orderNullKeys(boolean orderNullKeys) {
            this.orderNullKeys = orderNullKeys;
            return this;
        }

        /** {@link LanesOption#MAX_CONCURRENCY}. */
        public Builder<K, V> maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /** {@link LanesOption#MAX_BUFFERED_RECORDS}. */
        public Builder<K, V> maxBufferedRecords(int maxBufferedRecords) {
            this.maxBufferedRecords = maxBufferedRecords;
            return this;
        }

        /** {@link LanesOption#MAX_BUFFERED_BYTES}. */
        public Builder<K, V> maxBufferedBytes(long maxBufferedBytes) {
            this.maxBufferedBytes = maxBufferedBytes;
            return this;
        }

        /** {@link LanesOption#MAX_BATCH_SIZE}. */
        public Builder<K, V> maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** {@link LanesOption#COMMIT_INTERVAL}. */
        public Builder<K, V> commitInterval(Duration commitInterval) {
            this.commitInterval = commitInterval;
            return this;
        }

        /** {@link LanesOption#REVOKE_TIMEOUT}. */
        public Builder<K, V> revokeTimeout(Duration revokeTimeout) {
            this.revokeTimeout = revokeTimeout;
            return this;
        }

        /** {@link LanesOption#CLOSE_TIMEOUT}. */
        public Builder<K, V> closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /** How failed records are retried; default {@link RetryPolicy#defaults()}. */
        public Builder<K, V> retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** {@link LanesOption#HANDLER_TIMEOUT}. */
        public Builder<K, V> handlerTimeout(Duration handlerTimeout) {
            this.handlerTimeout = handlerTimeout;
            return this;
        }

        /** {@link LanesOption#OFFSET_METADATA_MAX_CHARS}. */
        public Builder<K, V> offsetMetadataMaxChars(int maxChars) {
            this.offsetMetadataMaxChars = maxChars;
            return this;
        }

        /** {@link LanesOption#HEALTH_STUCK_AFTER}. */
        public Builder<K, V> healthStuckAfter(Duration stuckAfter) {
            this.healthStuckAfter = stuckAfter;
            return this;
        }

        /** {@link LanesOption#HEALTH_STALLED_AFTER}. */
        public Builder<K, V> healthStalledAfter(Duration stalledAfter) {
            this.healthStalledAfter = stalledAfter;
            return this;
        }

        /** {@link LanesOption#HEALTH_LIST_SIZE}. */
        public Builder<K, V> healthListSize(int listSize) {
            this.healthListSize = listSize;
            return this;
        }

        /** {@link LanesOption#EXECUTOR}. */
        public Builder<K, V> executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Checks every option and returns the immutable options. */
        public LanesOptions<K, V> build() {
            OptionsValidator.validate(this.consumerProperties, keyDeserializer != null, valueDeserializer != null);
            OptionsValidator.requireExactlyOneSubscription(topics, topicPattern);
            ORDERING.check(ordering);
            MAX_CONCURRENCY.check(maxConcurrency);
            MAX_BUFFERED_RECORDS.check(maxBufferedRecords);
            MAX_BUFFERED_BYTES.check(maxBufferedBytes);
            MAX_BATCH_SIZE.check(maxBatchSize);
            COMMIT_INTERVAL.check(commitInterval);
            REVOKE_TIMEOUT.check(revokeTimeout, null,
                    OptionsValidator.maxPollInterval(consumerProperties).minusSeconds(1));
            CLOSE_TIMEOUT.check(closeTimeout);
            Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
            HANDLER_TIMEOUT.check(handlerTimeout);
            OFFSET_METADATA_MAX_CHARS.check(offsetMetadataMaxChars);
            HEALTH_STUCK_AFTER.check(healthStuckAfter);
            HEALTH_STALLED_AFTER.check(healthStalledAfter);
            HEALTH_LIST_SIZE.check(healthListSize);
            return new LanesOptions<>(this);
        }
    }
}
