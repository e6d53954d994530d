package dev.lanes;

/**
 * Told what becomes of each record and each handler invocation, with their timings: the seam for
 * metrics (the Micrometer binding of {@code lanes-micrometer} records its timers here), and for
 * anything else that wants to follow records (a tracing bridge, a Spring Boot starter's metrics).
 * Counters and gauges are read from {@link LanesConsumer#stats()} instead.
 *
 * <p><b>Thread.</b> Both methods run on the consumer's poller thread, the thread that settles a
 * record once its worker handed it back (never on a worker): calls are never concurrent, so an
 * implementation needs no locking, but it must be quick and never block, or it slows the whole
 * consumer. What it throws is logged and ignored. The {@link LanesRecord} passed is valid only
 * during the call.
 *
 * <p><b>Cost.</b> With no observer added, the engine reads no clock per record. With one, a worker
 * reads the clock once per invocation and the poller calls these methods once per invocation and
 * once per ended record.
 *
 * <p>Durations are in nanoseconds, measured with {@link System#nanoTime()}. A tracer can record an
 * invocation's span after the fact from them (it ended at the call, and began
 * {@code handlerNanos} before); one that must run code inside the invocation, on the worker's
 * thread (to make a span current there), wraps the handler instead.
 */
public interface RecordObserver {

    /**
     * A handler invocation ended, well or not.
     *
     * @param record the record, with the number of the attempt that ended
     * @param handlerNanos how long the invocation ran (with the record's deserialization); for one
     *     timed out, until the poller took it back; 0 when it never started (a refused hand-off)
     * @param failure what it threw or completed with, or a {@link HandlerTimeoutException};
     *     {@code null} when it succeeded
     */
    default void attemptEnded(LanesRecord<?, ?> record, long handlerNanos, Throwable failure) {
    }

    /**
     * A record ended for good: its offset may now be committed past.
     *
     * @param outcome how it ended
     * @param queuedNanos from its poll to the start of its first attempt; -1 when not measured (the
     *     observer was added after the record started)
     * @param endedAtEpochMillis when it ended, by the wall clock ({@link System#currentTimeMillis()}),
     *     to compare with {@link LanesRecord#timestamp()}
     */
    default void recordEnded(LanesRecord<?, ?> record, RecordOutcome outcome, long queuedNanos,
                             long endedAtEpochMillis) {
    }
}
