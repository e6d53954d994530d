package dev.lanes;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Every setting of a {@link LanesConsumer}, immutable once built. Each option's default is the
 * {@code DEFAULT_*} constant beside it; {@link Builder#build()} checks every value and names the
 * bad option and its allowed range.
 */
public final class LanesOptions<K, V> {

    /** Default {@link Builder#ordering}: per key, the most parallelism that still keeps an order. */
    public static final Ordering DEFAULT_ORDERING = Ordering.KEY;
    /** Default {@link Builder#maxConcurrency}. */
    public static final int DEFAULT_MAX_CONCURRENCY = 64;
    /** Default {@link Builder#maxBufferedRecords}. */
    public static final int DEFAULT_MAX_BUFFERED_RECORDS = 10_000;
    /** Default {@link Builder#maxBufferedBytes}: 64 MiB. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 64L << 20;
    /** Default {@link Builder#maxBatchSize}. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 256;
    /** Default {@link Builder#commitInterval}. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    /** Default {@link Builder#revokeTimeout}. */
    public static final Duration DEFAULT_REVOKE_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@link Builder#closeTimeout}. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@link Builder#retryInitialBackoff}. */
    public static final Duration DEFAULT_RETRY_INITIAL_BACKOFF = Duration.ofMillis(100);
    /** Default {@link Builder#retryMaxBackoff}. */
    public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(30);
    /** Default {@link Builder#retryJitter}. */
    public static final double DEFAULT_RETRY_JITTER = 0.2;
    /** Default {@link Builder#maxAttempts}: 0, retry until the record succeeds. */
    public static final int DEFAULT_MAX_ATTEMPTS = 0;
    /** Default {@link Builder#offsetMetadataMaxChars}: 0, read it from the broker. */
    public static final int DEFAULT_OFFSET_METADATA_MAX_CHARS = 0;

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
    private final Duration retryInitialBackoff;
    private final Duration retryMaxBackoff;
    private final double retryJitter;
    private final int maxAttempts;
    private final int offsetMetadataMaxChars;
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
        this.retryInitialBackoff = b.retryInitialBackoff;
        this.retryMaxBackoff = b.retryMaxBackoff;
        this.retryJitter = b.retryJitter;
        this.maxAttempts = b.maxAttempts;
        this.offsetMetadataMaxChars = b.offsetMetadataMaxChars;
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
    public Duration retryInitialBackoff() { return retryInitialBackoff; }
    public Duration retryMaxBackoff() { return retryMaxBackoff; }
    public double retryJitter() { return retryJitter; }
    /** 0 means: retry until the record succeeds. */
    public int maxAttempts() { return maxAttempts; }
    /** 0 means: read {@code offset.metadata.max.bytes} from the broker, else 4096. */
    public int offsetMetadataMaxChars() { return offsetMetadataMaxChars; }
    public Optional<Executor> executor() { return Optional.ofNullable(executor); }

    /** Collects settings; {@link #build()} validates them all. Not thread-safe. */
    public static final class Builder<K, V> {
        private final Map<String, Object> consumerProperties = new HashMap<>();
        private Deserializer<K> keyDeserializer;
        private Deserializer<V> valueDeserializer;
        private List<String> topics = List.of();
        private Pattern topicPattern;
        private Ordering ordering = DEFAULT_ORDERING;
        private boolean orderNullKeys;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private int maxBufferedRecords = DEFAULT_MAX_BUFFERED_RECORDS;
        private long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
        private Duration revokeTimeout = DEFAULT_REVOKE_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private Duration retryInitialBackoff = DEFAULT_RETRY_INITIAL_BACKOFF;
        private Duration retryMaxBackoff = DEFAULT_RETRY_MAX_BACKOFF;
        private double retryJitter = DEFAULT_RETRY_JITTER;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private int offsetMetadataMaxChars = DEFAULT_OFFSET_METADATA_MAX_CHARS;
        private Executor executor;

        private Builder() {
        }

        /**
         * Kafka consumer settings ({@link ConsumerConfig}): {@code bootstrap.servers} and
         * {@code group.id} are required, and the deserializers unless given as instances.
         * Lanes commits by itself, so {@code enable.auto.commit=true} is refused. Lanes sets
         * {@code max.poll.records} to at most a quarter of {@link #maxBufferedRecords} so that
         * one poll can never overflow the buffer. May be called several times; later keys win.
         */
        public Builder<K, V> consumerProperties(Map<String, ?> properties) {
            consumerProperties.putAll(Objects.requireNonNull(properties, "consumerProperties"));
            return this;
        }

        /** One Kafka consumer setting; see {@link #consumerProperties(Map)}. No default. */
        public Builder<K, V> consumerProperty(String name, Object value) {
            consumerProperties.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /** A key deserializer instance, instead of {@code key.deserializer}. No default. */
        public Builder<K, V> keyDeserializer(Deserializer<K> deserializer) {
            this.keyDeserializer = deserializer;
            return this;
        }

        /** A value deserializer instance, instead of {@code value.deserializer}. No default. */
        public Builder<K, V> valueDeserializer(Deserializer<V> deserializer) {
            this.valueDeserializer = deserializer;
            return this;
        }

        /** The topics to subscribe to. Either topics or {@link #topicPattern}, not both; no default. */
        public Builder<K, V> topics(String... topics) {
            return topics(List.of(topics));
        }

        /** The topics to subscribe to. Either topics or {@link #topicPattern}, not both; no default. */
        public Builder<K, V> topics(Collection<String> topics) {
            this.topics = List.copyOf(topics);
            return this;
        }

        /** Subscribes to every topic whose name matches. Either a pattern or {@link #topics}, not both; no default. */
        public Builder<K, V> topicPattern(Pattern pattern) {
            this.topicPattern = pattern;
            return this;
        }

        /** The order to keep; default {@link #DEFAULT_ORDERING} ({@link Ordering#KEY}). */
        public Builder<K, V> ordering(Ordering ordering) {
            this.ordering = ordering;
            return this;
        }

        /**
         * With {@link Ordering#KEY}: whether records with a {@code null} key form one lane per
         * partition (true) or run unordered (false, the default). Ignored by other orderings.
         */
        public Builder<K, V> orderNullKeys(boolean orderNullKeys) {
            this.orderNullKeys = orderNullKeys;
            return this;
        }

        /**
         * The most handler invocations in flight at once in this instance, across all partitions;
         * default {@value #DEFAULT_MAX_CONCURRENCY}, from 1 to 1,000,000. On Java 17 without a
         * user executor, this is also the size of the worker thread pool.
         */
        public Builder<K, V> maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /**
         * The most records polled but not yet ended that this instance holds; default
         * {@value #DEFAULT_MAX_BUFFERED_RECORDS}, at least 1. When full, partitions over their
         * share are paused (the consumer keeps polling to stay in its group) and resumed when
         * there is room. Keep it well above {@link #maxConcurrency} so that every slot can find work.
         */
        public Builder<K, V> maxBufferedRecords(int maxBufferedRecords) {
            this.maxBufferedRecords = maxBufferedRecords;
            return this;
        }

        /**
         * The most bytes (serialized keys and values) of records polled but not yet ended;
         * default 64 MiB, at least 1 KiB. Fetching stops once it is reached, so it may be
         * passed by at most one poll's worth of records.
         */
        public Builder<K, V> maxBufferedBytes(long maxBufferedBytes) {
            this.maxBufferedBytes = maxBufferedBytes;
            return this;
        }

        /**
         * When handlers are fast, Lanes hands records to a worker in batches that the worker runs
         * one after another (order-safe), so the hand-off cost is shared. The batch size adapts to
         * the measured handler time (one record per hand-off for slow, I/O-bound handlers); this
         * caps it. Default {@value #DEFAULT_MAX_BATCH_SIZE}, from 1 (no batching) to 10,000.
         * Asynchronous handlers are never batched.
         */
        public Builder<K, V> maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** How often ended offsets are committed (asynchronously); default 1 s, from 10 ms to 1 h. */
        public Builder<K, V> commitInterval(Duration commitInterval) {
            this.commitInterval = commitInterval;
            return this;
        }

        /**
         * On revocation, how long to wait for the revoked partitions' in-flight records before
         * committing what ended and giving them up; default 10 s. Must be below the consumer's
         * {@code max.poll.interval.ms} (default 5 min), since the wait happens inside a poll.
         */
        public Builder<K, V> revokeTimeout(Duration revokeTimeout) {
            this.revokeTimeout = revokeTimeout;
            return this;
        }

        /** The time {@link LanesConsumer#close()} gives in-flight records to end; default 30 s. */
        public Builder<K, V> closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /**
         * The wait before the first retry of a failed record; default 100 ms. Each further retry
         * waits twice as long, up to {@link #retryMaxBackoff}, give or take {@link #retryJitter}.
         */
        public Builder<K, V> retryInitialBackoff(Duration backoff) {
            this.retryInitialBackoff = backoff;
            return this;
        }

        /** The longest wait between two attempts at a record; default 30 s, at least the initial back-off. */
        public Builder<K, V> retryMaxBackoff(Duration backoff) {
            this.retryMaxBackoff = backoff;
            return this;
        }

        /** The random spread of each back-off, as a fraction of it; default 0.2 (±20 %), from 0 to 1. */
        public Builder<K, V> retryJitter(double jitter) {
            this.retryJitter = jitter;
            return this;
        }

        /**
         * How many attempts a record gets. Default 0: retry until it succeeds, holding its lane.
         * With a bound, a record that fails its last attempt stops the consumer: running records
         * drain, what ended is committed (not that record, so it is not lost), and
         * {@link LanesConsumer#termination()} completes exceptionally naming the record. Dead-letter
         * topics and skipping come later; from 0 (unbounded) to 1,000,000.
         */
        public Builder<K, V> maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The room for ended offsets in commit metadata, in characters. Default 0: read the
         * broker's {@code offset.metadata.max.bytes} through the Admin API, or use Kafka's default
         * 4096 if that is not permitted. When the encoding does not fit, the commit goes without it.
         */
        public Builder<K, V> offsetMetadataMaxChars(int maxChars) {
            this.offsetMetadataMaxChars = maxChars;
            return this;
        }

        /**
         * Runs handler invocations; Lanes never shuts it down. Default: a virtual thread per
         * invocation on Java 21+, else a pool of {@link #maxConcurrency} platform threads.
         */
        public Builder<K, V> executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Checks every option and returns the immutable options. */
        public LanesOptions<K, V> build() {
            OptionsValidator.validate(this.consumerProperties, keyDeserializer != null, valueDeserializer != null);
            OptionsValidator.requireExactlyOneSubscription(topics, topicPattern);
            Objects.requireNonNull(ordering, "ordering must not be null");
            OptionsValidator.inRange("maxConcurrency", maxConcurrency, 1, 1_000_000);
            OptionsValidator.inRange("maxBufferedRecords", maxBufferedRecords, 1, Integer.MAX_VALUE);
            OptionsValidator.inRange("maxBufferedBytes", maxBufferedBytes, 1024, Long.MAX_VALUE);
            OptionsValidator.inRange("maxBatchSize", maxBatchSize, 1, 10_000);
            OptionsValidator.inRange("commitInterval", commitInterval, Duration.ofMillis(10), Duration.ofHours(1));
            OptionsValidator.inRange("revokeTimeout", revokeTimeout, Duration.ZERO,
                    OptionsValidator.maxPollInterval(consumerProperties).minusSeconds(1));
            OptionsValidator.inRange("closeTimeout", closeTimeout, Duration.ZERO, Duration.ofHours(1));
            OptionsValidator.inRange("retryInitialBackoff", retryInitialBackoff, Duration.ZERO, Duration.ofHours(1));
            OptionsValidator.inRange("retryMaxBackoff", retryMaxBackoff, retryInitialBackoff, Duration.ofDays(1));
            OptionsValidator.inRange("retryJitter", retryJitter, 0.0, 1.0);
            OptionsValidator.inRange("maxAttempts", maxAttempts, 0, 1_000_000);
            OptionsValidator.inRange("offsetMetadataMaxChars", offsetMetadataMaxChars, 0, 1 << 20);
            return new LanesOptions<>(this);
        }
    }
}
