package dev.lanes;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * One option of {@link LanesOptions} or {@link RetryPolicy}, declared once: its name, type,
 * default, allowed values and what it does. Everything that handles options reads these
 * declarations rather than repeating them: {@link LanesOptions.Builder#build()} and
 * {@link RetryPolicy.Builder#build()} check values with {@link #check}, docs/OPTIONS.md is
 * rendered from them (a test fails when it is stale), the {@code lanes} command checks its flags
 * against them, and Spring Boot properties will be bound from them.
 *
 * <p>The constants below are the complete list, in the order of the reference; {@link #all()}
 * returns it. The options of {@link RetryPolicy} are named {@code retry.*}.
 */
public final class LanesOption<T> {

    public static final LanesOption<Map<String, Object>> CONSUMER_PROPERTIES = required("consumerProperties",
            "Map<String, Object>", "Kafka consumer settings (ConsumerConfig): bootstrap.servers and group.id are"
                    + " required, and the deserializers unless given as instances; enable.auto.commit=true is"
                    + " refused (Lanes commits by itself), and max.poll.records is lowered to at most a quarter of"
                    + " maxBufferedRecords so that one poll never overflows the buffer.");
    public static final LanesOption<Deserializer<?>> KEY_DESERIALIZER = optional("keyDeserializer",
            "Deserializer<K>", "A key deserializer instance, instead of key.deserializer in consumerProperties.");
    public static final LanesOption<Deserializer<?>> VALUE_DESERIALIZER = optional("valueDeserializer",
            "Deserializer<V>", "A value deserializer instance, instead of value.deserializer in consumerProperties.");
    public static final LanesOption<List<String>> TOPICS = optional("topics", "List<String>",
            "The topics to subscribe to; exactly one of topics and topicPattern is required.");
    public static final LanesOption<Pattern> TOPIC_PATTERN = optional("topicPattern", "Pattern",
            "Subscribes to every topic whose name matches; exactly one of topics and topicPattern is required.");
    public static final LanesOption<Ordering> ORDERING = choice("ordering", Ordering.class, Ordering.KEY,
            "The order to keep: per partition, per key (the most parallelism that still keeps an order), or none.");
    public static final LanesOption<Boolean> ORDER_NULL_KEYS = choice("orderNullKeys", Boolean.class, false,
            List.of(true, false), "With KEY ordering, whether records with a null key form one lane per partition"
                    + " (true) or run unordered (false); ignored by other orderings.");
    public static final LanesOption<Integer> MAX_CONCURRENCY = range("maxConcurrency", "int", 64, 1, 1_000_000,
            "The most handler invocations in flight at once in this instance, across all partitions; on Java 17"
                    + " without an executor, also the size of the worker thread pool.");
    public static final LanesOption<Integer> MAX_BUFFERED_RECORDS = range("maxBufferedRecords", "int", 10_000, 1,
            Integer.MAX_VALUE, "The most records polled but not yet ended; when full, every partition is paused,"
                    + " and while the handler is slow (0.2 ms a record or more) so is each partition holding its"
                    + " share (this divided by the partitions owned); the consumer keeps polling to stay in its"
                    + " group. Keep it well above maxConcurrency for every slot to find work, and with many"
                    + " partitions well above 50 a partition.");
    public static final LanesOption<Long> MAX_BUFFERED_BYTES = range("maxBufferedBytes", "long", 64L << 20, 1024L,
            Long.MAX_VALUE, "The most bytes (serialized keys and values) of records polled but not yet ended;"
                    + " fetching stops once it is reached, so one poll's worth of records may pass it.");
    public static final LanesOption<Integer> MAX_BATCH_SIZE = range("maxBatchSize", "int", 256, 1, 10_000,
            "The most records handed to a worker at once, run one after another (order-safe); the batch size"
                    + " adapts to the measured handler time, 1 disables batching, asynchronous handlers are never"
                    + " batched.");
    public static final LanesOption<Duration> COMMIT_INTERVAL = range("commitInterval", "Duration",
            Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofHours(1),
            "How often ended offsets are committed (asynchronously).");
    public static final LanesOption<Duration> REVOKE_TIMEOUT = range("revokeTimeout", "Duration",
            Duration.ofSeconds(10), Duration.ZERO, null, "On revocation, how long to wait for the revoked"
                    + " partitions' running records before committing what ended; at least 1s below the consumer's"
                    + " max.poll.interval.ms (default 5m), since the wait happens inside a poll.");
    public static final LanesOption<Duration> CLOSE_TIMEOUT = range("closeTimeout", "Duration",
            Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1),
            "The time LanesConsumer.close() gives running records to end.");
    public static final LanesOption<Duration> RETRY_INITIAL_BACKOFF = range("retry.initialBackoff", "Duration",
            Duration.ofMillis(100), Duration.ZERO, Duration.ofHours(1), "The wait before the first retry of a"
                    + " failed record; each further retry waits twice as long, up to retry.maxBackoff.");
    public static final LanesOption<Duration> RETRY_MAX_BACKOFF = range("retry.maxBackoff", "Duration",
            Duration.ofSeconds(30), Duration.ZERO, Duration.ofDays(1),
            "The longest wait between two attempts at a record; at least retry.initialBackoff.");
    public static final LanesOption<Double> RETRY_JITTER = range("retry.jitter", "double", 0.2, 0.0, 1.0,
            "The random spread of each back-off, as a fraction of it (0.2: plus or minus 20 %).");
    public static final LanesOption<Integer> RETRY_MAX_ATTEMPTS = range("retry.maxAttempts", "int", 0, 0,
            1_000_000, "How many attempts a record gets, 0 for no limit (retry until it succeeds, holding its"
                    + " lane); after its last attempt, retry.onExhausted decides.");
    public static final LanesOption<List<Class<? extends Throwable>>> RETRY_NOT_RETRYABLE = optional(
            "retry.notRetryable", "Class<? extends Throwable>...", "Exceptions never worth retrying (with their"
                    + " subclasses, also when they are the cause of what the handler threw): their record goes"
                    + " straight to retry.onExhausted. A record that cannot be deserialized is never retried either.");
    public static final LanesOption<FailureAction> RETRY_ON_EXHAUSTED = choice("retry.onExhausted",
            FailureAction.class, FailureAction.SKIP, List.of(FailureAction.STOP, FailureAction.SKIP,
                    FailureAction.DEAD_LETTER), "What becomes of a record after its last attempt, or at once when"
                    + " its failure is not retryable: SKIP it (logged and counted), DEAD_LETTER it, or STOP the"
                    + " consumer; DEAD_LETTER when only retry.deadLetterTopic is set.");
    public static final LanesOption<FailureHandler> RETRY_FAILURE_HANDLER = optional("retry.failureHandler",
            "FailureHandler", "Decides per record and exception after every failed attempt, for what the rules"
                    + " above do not cover; runs on the poller thread, so it must be quick and never block.");
    public static final LanesOption<GivenUpListener> RETRY_GIVEN_UP_LISTENER = optional("retry.givenUpListener",
            "GivenUpListener", "Told of every record given up: skipped, or dead-lettered once the write is"
                    + " acknowledged; runs on the poller thread, so it must be quick and never block.");
    public static final LanesOption<String> RETRY_DEAD_LETTER_TOPIC = optional("retry.deadLetterTopic", "String",
            "The dead-letter topic, created when missing; a record written there keeps its key, value and headers"
                    + " and gains lanes.dlt.* provenance headers, and counts as ended once the write is"
                    + " acknowledged.");
    public static final LanesOption<Integer> RETRY_DEAD_LETTER_PARTITIONS = range("retry.deadLetterPartitions",
            "int", 0, 0, 100_000, "Partitions of the dead-letter topic when Lanes creates it; 0: as many as the"
                    + " source topic of the first record dead-lettered.");
    public static final LanesOption<Map<String, Object>> RETRY_DEAD_LETTER_PRODUCER_PROPERTIES = optional(
            "retry.deadLetterProducerProperties", "Map<String, Object>", "Kafka producer settings for the"
                    + " dead-letter writes, over those taken from consumerProperties (bootstrap.servers, security,"
                    + " client settings); acks=all and idempotence are always on.");
    public static final LanesOption<Double> RETRY_FLOOD_GUARD_THRESHOLD = range("retry.floodGuardThreshold",
            "double", 0.5, 0.0, 1.0, "The flood guard: when at least this share of the records first tried in"
                    + " retry.floodGuardWindow failed (an outage rather than a poison record), no record is"
                    + " skipped or dead-lettered; they are retried until one succeeds. 0 turns the guard off.");
    public static final LanesOption<Duration> RETRY_FLOOD_GUARD_WINDOW = range("retry.floodGuardWindow",
            "Duration", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1),
            "The time over which the flood guard counts first attempts and their failures.");
    public static final LanesOption<Integer> RETRY_FLOOD_GUARD_MIN_FAILURES = range("retry.floodGuardMinFailures",
            "int", 10, 1, 1_000_000, "How many records must have failed their first attempt within the window"
                    + " before the flood guard may hold back give-ups, so that a few poison records never trip it.");
    public static final LanesOption<Duration> HANDLER_TIMEOUT = range("handlerTimeout", "Duration",
            Duration.ofMinutes(5), Duration.ZERO, Duration.ofDays(1), "How long one invocation may run: then a"
                    + " blocking handler's thread is interrupted, an asynchronous stage is no longer waited for,"
                    + " and the attempt fails with a HandlerTimeoutException (retried or given up); 0 turns it off."
                    + " The default matches the plain consumer's max.poll.interval.ms.");
    public static final LanesOption<Integer> OFFSET_METADATA_MAX_CHARS = range("offsetMetadataMaxChars", "int", 0,
            0, 1 << 20, "The room for ended offsets in commit metadata, in characters; 0 reads the broker's"
                    + " offset.metadata.max.bytes (Kafka's 4096 if not permitted), and a commit whose encoding does"
                    + " not fit goes without it.");
    public static final LanesOption<Duration> HEALTH_STUCK_AFTER = range("healthStuckAfter", "Duration",
            Duration.ofSeconds(30), Duration.ofMillis(1), Duration.ofDays(1), "LanesConsumer.health() lists a"
                    + " record as stuck once it has been in flight this long: from its first hand-off to a worker,"
                    + " through its attempts and retry waits, until it ends.");
    public static final LanesOption<Duration> HEALTH_STALLED_AFTER = range("healthStalledAfter", "Duration",
            Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1), "LanesConsumer.health() reports"
                    + " STALLED when records are held (polled, not ended) and none has ended for this long, counted"
                    + " from the later of the last end and the last moment nothing was held. The default matches"
                    + " handlerTimeout, the longest a healthy invocation may run.");
    public static final LanesOption<Integer> HEALTH_LIST_SIZE = range("healthListSize", "int", 5, 1, 100,
            "How many stuck records, and how many keys in each list of hot keys, LanesConsumer.health() names.");
    public static final LanesOption<Executor> EXECUTOR = optional("executor", "Executor", "Runs handler"
            + " invocations and is never shut down by Lanes; without one, a virtual thread per invocation on Java"
            + " 21+, else a pool of maxConcurrency platform threads.");

    private static final List<LanesOption<?>> ALL = List.of(CONSUMER_PROPERTIES, KEY_DESERIALIZER,
            VALUE_DESERIALIZER, TOPICS, TOPIC_PATTERN, ORDERING, ORDER_NULL_KEYS, MAX_CONCURRENCY,
            MAX_BUFFERED_RECORDS, MAX_BUFFERED_BYTES, MAX_BATCH_SIZE, COMMIT_INTERVAL, REVOKE_TIMEOUT, CLOSE_TIMEOUT,
            RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF, RETRY_JITTER, RETRY_MAX_ATTEMPTS, RETRY_NOT_RETRYABLE,
            RETRY_ON_EXHAUSTED, RETRY_FAILURE_HANDLER, RETRY_GIVEN_UP_LISTENER, RETRY_DEAD_LETTER_TOPIC,
            RETRY_DEAD_LETTER_PARTITIONS, RETRY_DEAD_LETTER_PRODUCER_PROPERTIES, RETRY_FLOOD_GUARD_THRESHOLD,
            RETRY_FLOOD_GUARD_WINDOW, RETRY_FLOOD_GUARD_MIN_FAILURES, HANDLER_TIMEOUT, OFFSET_METADATA_MAX_CHARS,
            HEALTH_STUCK_AFTER, HEALTH_STALLED_AFTER, HEALTH_LIST_SIZE, EXECUTOR);

    /** Whether an option must be given, has a default, or may be left out (its description says what then). */
    public enum Presence { REQUIRED, DEFAULTED, OPTIONAL }

    private final String name;
    private final String type;
    private final Presence presence;
    private final T defaultValue;
    private final Comparator<? super T> order;
    private final T min;
    private final T max;
    private final List<T> allowedValues;
    private final String description;

    private LanesOption(String name, String type, Presence presence, T defaultValue, Comparator<? super T> order,
                        T min, T max, List<T> allowedValues, String description) {
        this.name = name;
        this.type = type;
        this.presence = presence;
        this.defaultValue = defaultValue;
        this.order = order;
        this.min = min;
        this.max = max;
        this.allowedValues = allowedValues;
        this.description = description;
    }

    /** A numeric or {@link Duration} option allowed from {@code min} to {@code max} (null: no maximum). */
    private static <T extends Comparable<? super T>> LanesOption<T> range(String name, String type, T defaultValue,
                                                                T min, T max, String description) {
        return new LanesOption<>(name, type, Presence.DEFAULTED, defaultValue, Comparator.naturalOrder(), min, max,
                List.of(), description);
    }

    private static <E extends Enum<E>> LanesOption<E> choice(String name, Class<E> type, E defaultValue,
                                                             String description) {
        return choice(name, type, defaultValue, List.of(type.getEnumConstants()), description);
    }

    private static <T> LanesOption<T> choice(String name, Class<T> type, T defaultValue, List<T> allowed,
                                             String description) {
        return new LanesOption<>(name, type == Boolean.class ? "boolean" : type.getSimpleName(),
                Presence.DEFAULTED, defaultValue, null, null, null, allowed, description);
    }

    private static <T> LanesOption<T> required(String name, String type, String description) {
        return new LanesOption<>(name, type, Presence.REQUIRED, null, null, null, null, List.of(), description);
    }

    private static <T> LanesOption<T> optional(String name, String type, String description) {
        return new LanesOption<>(name, type, Presence.OPTIONAL, null, null, null, null, List.of(), description);
    }

    /** Every option, in the order of the reference. */
    public static List<LanesOption<?>> all() {
        return ALL;
    }

    /** The name in messages and docs, and later the Spring property {@code lanes.<name>}. */
    public String name() { return name; }

    /** The Java type, as written in the docs, e.g. {@code int} or {@code Duration}. */
    public String type() { return type; }

    public Presence presence() { return presence; }

    /** One or two sentences: what the option does. */
    public String description() { return description; }

    /** The default value; only for {@link Presence#DEFAULTED} options. */
    public T defaultValue() {
        if (presence != Presence.DEFAULTED) {
            throw new IllegalStateException(name + " has no default: it is " + presence.name().toLowerCase());
        }
        return defaultValue;
    }

    public Optional<T> min() { return Optional.ofNullable(min); }

    /** Empty when there is no fixed maximum. */
    public Optional<T> max() { return Optional.ofNullable(max); }

    /** The values allowed, as in docs and messages: {@code 1 to 1000000}, {@code PARTITION, KEY, UNORDERED}, or empty. */
    public String allowed() {
        return allowed(min, max);
    }

    /** The value, or an {@link IllegalArgumentException} naming this option and the values allowed. */
    public T check(T value) {
        return check(value, null, null);
    }

    /**
     * {@link #check(Object)} within a range narrowed by other settings: {@code floor} and {@code ceiling}
     * (null: the declared bound) apply only where they are tighter than the declared bounds.
     */
    T check(T value, T floor, T ceiling) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (!allowedValues.isEmpty() && !allowedValues.contains(value)) {
            throw refused(value, min, max);
        }
        if (order != null) {
            T low = tighter(min, floor, 1);
            T high = tighter(max, ceiling, -1);
            if (order.compare(value, low) < 0 || (high != null && order.compare(value, high) > 0)) {
                throw refused(value, low, high);
            }
        }
        return value;
    }

    /** How a value of this option reads in docs and messages: {@code 64}, {@code 100ms}, {@code KEY}. */
    public String format(T value) {
        return value instanceof Duration duration ? formatDuration(duration) : String.valueOf(value);
    }

    @Override
    public String toString() {
        return name;
    }

    private T tighter(T declared, T narrowed, int sign) {
        if (narrowed == null) {
            return declared;
        }
        return declared == null || Integer.signum(order.compare(narrowed, declared)) == sign ? narrowed : declared;
    }

    private IllegalArgumentException refused(T value, T low, T high) {
        return new IllegalArgumentException(name + " is " + format(value) + "; allowed: " + allowed(low, high));
    }

    private String allowed(T low, T high) {
        if (!allowedValues.isEmpty()) {
            return allowedValues.stream().map(this::format).collect(Collectors.joining(", "));
        }
        if (low == null) {
            return "";
        }
        return high == null ? "at least " + format(low) : format(low) + " to " + format(high);
    }

    /** In the largest whole unit: {@code 100ms}, {@code 30s}, {@code 1h}, {@code 1d} (Spring Boot reads these too). */
    private static String formatDuration(Duration duration) {
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return duration.toString();
        }
        if (nanos == 0) {
            return "0s";
        }
        long[] unitNanos = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L,
                1_000L, 1L};
        String[] units = {"d", "h", "m", "s", "ms", "us", "ns"};
        int unit = 0;
        while (nanos % unitNanos[unit] != 0) {
            unit++;
        }
        return nanos / unitNanos[unit] + units[unit];
    }
}
