package dev.lanes;

import java.time.Duration;
import java.util.Objects;

/**
 * What happens to a record whose handler failed: it is retried after an exponential back-off with
 * jitter, holding its lane while other lanes flow, up to {@link #maxAttempts()} attempts (0: until
 * it succeeds). A record that fails its last attempt stops the consumer; what else may happen to it
 * (a dead-letter topic, skipping, exceptions that are not worth retrying) will be configured here
 * too. Immutable; set with {@link LanesOptions.Builder#retryPolicy(RetryPolicy)}. Its options are
 * the {@code retry.*} ones of {@link LanesOption}.
 *
 * <pre>{@code
 * RetryPolicy retry = RetryPolicy.builder().initialBackoff(Duration.ofMillis(50)).maxAttempts(5).build();
 * }</pre>
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS = builder().build();

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double jitter;
    private final int maxAttempts;

    private RetryPolicy(Builder b) {
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.maxAttempts = b.maxAttempts;
    }

    /** Every option at its default: retry until success, from 100ms doubling to 30s, ±20 %. */
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

    @Override
    public boolean equals(Object other) {
        return other instanceof RetryPolicy that && initialBackoff.equals(that.initialBackoff)
                && maxBackoff.equals(that.maxBackoff) && Double.compare(jitter, that.jitter) == 0
                && maxAttempts == that.maxAttempts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(initialBackoff, maxBackoff, jitter, maxAttempts);
    }

    @Override
    public String toString() {
        return "RetryPolicy[initialBackoff=" + LanesOption.RETRY_INITIAL_BACKOFF.format(initialBackoff)
                + ", maxBackoff=" + LanesOption.RETRY_MAX_BACKOFF.format(maxBackoff) + ", jitter=" + jitter
                + ", maxAttempts=" + maxAttempts + "]";
    }

    /** Collects the retry options; {@link #build()} checks them against their declarations. Not thread-safe. */
    public static final class Builder {
        private Duration initialBackoff = LanesOption.RETRY_INITIAL_BACKOFF.defaultValue();
        private Duration maxBackoff = LanesOption.RETRY_MAX_BACKOFF.defaultValue();
        private double jitter = LanesOption.RETRY_JITTER.defaultValue();
        private int maxAttempts = LanesOption.RETRY_MAX_ATTEMPTS.defaultValue();

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

        /** Checks every option, naming the bad one and its allowed range, and returns the immutable policy. */
        public RetryPolicy build() {
            LanesOption.RETRY_INITIAL_BACKOFF.check(initialBackoff);
            LanesOption.RETRY_MAX_BACKOFF.check(maxBackoff, initialBackoff, null);
            LanesOption.RETRY_JITTER.check(jitter);
            LanesOption.RETRY_MAX_ATTEMPTS.check(maxAttempts);
            return new RetryPolicy(this);
        }
    }
}
