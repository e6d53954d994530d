package dev.lanes.internal.limit;

/**
 * Decides how many more hand-offs to workers may start now, and learns from each one that ended.
 * The poller asks before it starts work and reports every batch that comes back; time is an
 * argument, never read here, so an implementation is a pure state machine that tests drive
 * without threads or sleeps (as Netflix concurrency-limits' {@code onSample} does).
 *
 * <p>The unit is a batch: a worker runs a batch's records one after another, so the number of
 * batches out is the number of handler invocations that may be running at once.
 *
 * <p>Called on the poller thread only. Today's only implementation is {@link FixedConcurrencyLimit};
 * an adaptive limit (driven by the latency it is told) and a rate limit are the next ones.
 */
public interface ConcurrencyLimit {

    /**
     * How many more batches may start at {@code nowNanos}, with {@code inFlight} out now;
     * never negative.
     */
    int available(int inFlight, long nowNanos);

    /**
     * A batch came back.
     *
     * @param elapsedNanos how long its records took, from the first start to the last end
     * @param records how many of its records were started
     * @param failed whether one of them failed
     * @param nowNanos when the poller took it back
     */
    void ended(long elapsedNanos, int records, boolean failed, long nowNanos);

    /** Nanoseconds until {@link #available} may grow without a batch ending (a rate limit's next token). */
    default long nanosUntilDue(long nowNanos) {
        return Long.MAX_VALUE;
    }

    /** The limit in force, for metrics and health. */
    int limit();
}
