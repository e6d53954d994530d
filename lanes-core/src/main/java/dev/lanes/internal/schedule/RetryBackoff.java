package dev.lanes.internal.schedule;

import java.time.Duration;

/**
 * Exponential back-off with jitter between attempts at a failed record. A pure function: the
 * caller passes the randomness in, so tests choose it.
 */
public final class RetryBackoff {
    private final long initialNanos;
    private final long maxNanos;
    private final double jitter;

    public RetryBackoff(Duration initial, Duration max, double jitter) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.jitter = jitter;
    }

    /**
     * The wait before attempt {@code failedAttempt + 1}.
     *
     * @param random01 a uniform random number in [0, 1)
     */
    public long delayNanos(int failedAttempt, double random01) {
        int doublings = Math.min(Math.max(failedAttempt - 1, 0), 62);
        double base = Math.min((double) initialNanos * Math.pow(2, doublings), (double) maxNanos);
        double spread = base * jitter * (2 * random01 - 1);
        return (long) Math.max(0, Math.min(base + spread, (double) maxNanos));
    }
}
