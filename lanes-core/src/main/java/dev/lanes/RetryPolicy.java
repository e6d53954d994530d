package dev.lanes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The failure policy: what happens to a record whose handler failed, or that cannot be
 * deserialized. Immutable; set with {@link LanesOptions.Builder#retryPolicy(RetryPolicy)}. Its
 * options are the {@code retry.*} ones of {@link LanesOption}.
 * <ul>
 *   <li><b>Retries.</b> A failed record is retried after an exponential back-off with jitter,
 *       holding only its lane (its key, or its partition in PARTITION order) while every other lane
 *       flows, up to {@link #maxAttempts()} attempts (0: until it succeeds). Exceptions named by
 *       {@link Builder#notRetryable} are not retried, nor is a record that cannot be deserialized.
 *   <li><b>Giving up.</b> After the last attempt, or at once when the failure is not retryable,
 *       {@link #onExhausted()} decides: {@link FailureAction#SKIP} (logged and counted),
 *       {@link FailureAction#DEAD_LETTER} to {@link #deadLetterTopic()}, or
 *       {@link FailureAction#STOP}. A {@link FailureHandler} may decide otherwise per record.
 *   <li><b>The flood guard.</b> When most records fail (a downstream outage, not a poison
 *       record), giving them up would be wrong: nothing is skipped or dead-lettered until a record
 *       succeeds again; failing records keep being retried.
 * </ul>
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder()
 *         .maxAttempts(5)
 *         .notRetryable(IllegalArgumentException.class)
 *         .deadLetterTopic("orders.dlt")          // onExhausted DEAD_LETTER
 *         .build();
 * }</pre>
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS = builder().build();

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double jitter;
    private final int maxAttempts;
    private final List<Class<? extends Throwable>> notRetryable;
    private final FailureAction onExhausted;
    private final FailureHandler failureHandler;
    private final GivenUpListener givenUpListener;
    private final String deadLetterTopic;
    private final int deadLetterPartitions;
    private final Map<String, Object> deadLetterProducerProperties;
    private final double floodGuardThreshold;
    private final Duration floodGuardWindow;
    private final int floodGuardMinFailures;

    private RetryPolicy(Builder b, FailureAction onExhausted) {
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.maxAttempts = b.maxAttempts;
        this.notRetryable = List.copyOf(b.notRetryable);
        this.onExhausted = onExhausted;
        this.failureHandler = b.failureHandler;
        this.givenUpListener = b.givenUpListener;
        this.deadLetterTopic = b.deadLetterTopic;
        this.deadLetterPartitions = b.deadLetterPartitions;
        this.deadLetterProducerProperties = Map.copyOf(b.deadLetterProducerProperties);
        this.floodGuardThreshold = b.floodGuardThreshold;
        this.floodGuardWindow = b.floodGuardWindow;
        this.floodGuardMinFailures = b.floodGuardMinFailures;
    }

    /** Every option at its default: retry until success, from 100ms doubling to 30s, ±20 %; skip what cannot be read. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@link LanesOption#RETRY_INITIAL_BACKOFF}. */
    public Duration initialBackoff() { return initialBackoff; }

    /** {@link LanesOption#RETRY_MAX_BACKOFF}. */
    public Duration maxBackoff() { return maxBackoff; }

    /** {@link LanesOption#RETRY_JITTER}. */
    public double jitter() { return jitter; }

    /** {@link LanesOption#RETRY_MAX_ATTEMPTS}; 0 means: retry until the record succeeds. */
    public int maxAttempts() { return maxAttempts; }

    /** {@link LanesOption#RETRY_NOT_RETRYABLE}. */
    public List<Class<? extends Throwable>> notRetryable() { return notRetryable; }

    /** {@link LanesOption#RETRY_ON_EXHAUSTED}, as resolved by {@code build()}. */
    public FailureAction onExhausted() { return onExhausted; }

    /** {@link LanesOption#RETRY_FAILURE_HANDLER}. */
    public Optional<FailureHandler> failureHandler() { return Optional.ofNullable(failureHandler); }

    /** {@link LanesOption#RETRY_GIVEN_UP_LISTENER}. */
    public Optional<GivenUpListener> givenUpListener() { return Optional.ofNullable(givenUpListener); }

    /** {@link LanesOption#RETRY_DEAD_LETTER_TOPIC}. */
    public Optional<String> deadLetterTopic() { return Optional.ofNullable(deadLetterTopic); }

    /** {@link LanesOption#RETRY_DEAD_LETTER_PARTITIONS}; 0: as many as the source topic. */
    public int deadLetterPartitions() { return deadLetterPartitions; }

    /** {@link LanesOption#RETRY_DEAD_LETTER_PRODUCER_PROPERTIES}. */
    public Map<String, Object> deadLetterProducerProperties() { return deadLetterProducerProperties; }

    /** {@link LanesOption#RETRY_FLOOD_GUARD_THRESHOLD}; 0: off. */
    public double floodGuardThreshold() { return floodGuardThreshold; }

    /** {@link LanesOption#RETRY_FLOOD_GUARD_WINDOW}. */
    public Duration floodGuardWindow() { return floodGuardWindow; }

    /** {@link LanesOption#RETRY_FLOOD_GUARD_MIN_FAILURES}. */
    public int floodGuardMinFailures() { return floodGuardMinFailures; }

    @Override
    public boolean equals(Object other) {
        return other instanceof RetryPolicy that && initialBackoff.equals(that.initialBackoff)
                && maxBackoff.equals(that.maxBackoff) && Double.compare(jitter, that.jitter) == 0
                && maxAttempts == that.maxAttempts && notRetryable.equals(that.notRetryable)
                && onExhausted == that.onExhausted && Objects.equals(failureHandler, that.failureHandler)
                && Objects.equals(givenUpListener, that.givenUpListener)
                && Objects.equals(deadLetterTopic, that.deadLetterTopic)
                && deadLetterPartitions == that.deadLetterPartitions
                && deadLetterProducerProperties.equals(that.deadLetterProducerProperties)
                && Double.compare(floodGuardThreshold, that.floodGuardThreshold) == 0
                && floodGuardWindow.equals(that.floodGuardWindow) && floodGuardMinFailures == that.floodGuardMinFailures;
    }

    @Override
    public int hashCode() {
        return Objects.hash(initialBackoff, maxBackoff, jitter, maxAttempts, notRetryable, onExhausted,
                deadLetterTopic, deadLetterPartitions, floodGuardThreshold, floodGuardWindow, floodGuardMinFailures);
    }

    @Override
    public String toString() {
        return "RetryPolicy[initialBackoff=" + LanesOption.RETRY_INITIAL_BACKOFF.format(initialBackoff)
                + ", maxBackoff=" + LanesOption.RETRY_MAX_BACKOFF.format(maxBackoff) + ", jitter=" + jitter
                + ", maxAttempts=" + maxAttempts + ", notRetryable=" + notRetryable + ", onExhausted=" + onExhausted
                + (deadLetterTopic == null ? "" : ", deadLetterTopic=" + deadLetterTopic)
                + ", floodGuardThreshold=" + floodGuardThreshold + "]";
    }

    /** Collects the failure policy's options; {@link #build()} checks them against their declarations. Not thread-safe. */
    public static final class Builder {
        private Duration initialBackoff = LanesOption.RETRY_INITIAL_BACKOFF.defaultValue();
        private Duration maxBackoff = LanesOption.RETRY_MAX_BACKOFF.defaultValue();
        private double jitter = LanesOption.RETRY_JITTER.defaultValue();
        private int maxAttempts = LanesOption.RETRY_MAX_ATTEMPTS.defaultValue();
        private final List<Class<? extends Throwable>> notRetryable = new ArrayList<>();
        /** Null until set: then the default depends on whether a dead-letter topic is set. */
        private FailureAction onExhausted;
        private FailureHandler failureHandler;
        private GivenUpListener givenUpListener;
        private String deadLetterTopic;
        private int deadLetterPartitions = LanesOption.RETRY_DEAD_LETTER_PARTITIONS.defaultValue();
        private final Map<String, Object> deadLetterProducerProperties = new HashMap<>();
        private double floodGuardThreshold = LanesOption.RETRY_FLOOD_GUARD_THRESHOLD.defaultValue();
        private Duration floodGuardWindow = LanesOption.RETRY_FLOOD_GUARD_WINDOW.defaultValue();
        private int floodGuardMinFailures = LanesOption.RETRY_FLOOD_GUARD_MIN_FAILURES.defaultValue();

        private Builder() {
        }

        /** {@link LanesOption#RETRY_INITIAL_BACKOFF}. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        /** {@link LanesOption#RETRY_MAX_BACKOFF}. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        /** {@link LanesOption#RETRY_JITTER}. */
        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /** {@link LanesOption#RETRY_MAX_ATTEMPTS}. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** {@link LanesOption#RETRY_NOT_RETRYABLE}; adds to those already named. */
        @SafeVarargs
        public final Builder notRetryable(Class<? extends Throwable>... exceptions) {
            for (Class<? extends Throwable> exception : exceptions) {
                notRetryable.add(Objects.requireNonNull(exception, "retry.notRetryable must not contain null"));
            }
            return this;
        }

        /** {@link LanesOption#RETRY_ON_EXHAUSTED}. */
        public Builder onExhausted(FailureAction action) {
            this.onExhausted = Objects.requireNonNull(action, "retry.onExhausted must not be null");
            return this;
        }

        /** {@link LanesOption#RETRY_FAILURE_HANDLER}. */
        public Builder failureHandler(FailureHandler handler) {
            this.failureHandler = handler;
            return this;
        }

        /** {@link LanesOption#RETRY_GIVEN_UP_LISTENER}. */
        public Builder givenUpListener(GivenUpListener listener) {
            this.givenUpListener = listener;
            return this;
        }

        /** {@link LanesOption#RETRY_DEAD_LETTER_TOPIC}. */
        public Builder deadLetterTopic(String topic) {
            this.deadLetterTopic = topic;
            return this;
        }

        /** {@link LanesOption#RETRY_DEAD_LETTER_PARTITIONS}. */
        public Builder deadLetterPartitions(int partitions) {
            this.deadLetterPartitions = partitions;
            return this;
        }

        /** {@link LanesOption#RETRY_DEAD_LETTER_PRODUCER_PROPERTIES}; later keys win. */
        public Builder deadLetterProducerProperties(Map<String, ?> properties) {
            deadLetterProducerProperties.putAll(Objects.requireNonNull(properties, "properties"));
            return this;
        }

        /** {@link LanesOption#RETRY_FLOOD_GUARD_THRESHOLD}. */
        public Builder floodGuardThreshold(double threshold) {
            this.floodGuardThreshold = threshold;
            return this;
        }

        /** {@link LanesOption#RETRY_FLOOD_GUARD_WINDOW}. */
        public Builder floodGuardWindow(Duration window) {
            this.floodGuardWindow = window;
            return this;
        }

        /** {@link LanesOption#RETRY_FLOOD_GUARD_MIN_FAILURES}. */
        public Builder floodGuardMinFailures(int minFailures) {
            this.floodGuardMinFailures = minFailures;
            return this;
        }

        /** Checks every option, naming the bad one and its allowed range, and returns the immutable policy. */
        public RetryPolicy build() {
            LanesOption.RETRY_INITIAL_BACKOFF.check(initialBackoff);
            LanesOption.RETRY_MAX_BACKOFF.check(maxBackoff, initialBackoff, null);
            LanesOption.RETRY_JITTER.check(jitter);
            LanesOption.RETRY_MAX_ATTEMPTS.check(maxAttempts);
            FailureAction exhausted = onExhausted != null ? onExhausted
                    : deadLetterTopic != null ? FailureAction.DEAD_LETTER
                    : LanesOption.RETRY_ON_EXHAUSTED.defaultValue();
            LanesOption.RETRY_ON_EXHAUSTED.check(exhausted);
            if (deadLetterTopic != null && deadLetterTopic.isBlank()) {
                throw new IllegalArgumentException("retry.deadLetterTopic must not be blank");
            }
            if (exhausted == FailureAction.DEAD_LETTER && deadLetterTopic == null) {
                throw new IllegalArgumentException("retry.onExhausted is DEAD_LETTER, but retry.deadLetterTopic is"
                        + " not set: name the dead-letter topic");
            }
            LanesOption.RETRY_DEAD_LETTER_PARTITIONS.check(deadLetterPartitions);
            LanesOption.RETRY_FLOOD_GUARD_THRESHOLD.check(floodGuardThreshold);
            LanesOption.RETRY_FLOOD_GUARD_WINDOW.check(floodGuardWindow);
            LanesOption.RETRY_FLOOD_GUARD_MIN_FAILURES.check(floodGuardMinFailures);
            return new RetryPolicy(this, exhausted);
        }
    }
}
