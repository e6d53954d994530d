package dev.lanes;

/**
 * What becomes of a record whose handler failed (or that could not be deserialized). The
 * {@link RetryPolicy} decides, or its {@link FailureHandler} when one is set.
 */
public enum FailureAction {
    /** Try again after the policy's back-off; the record keeps holding its lane meanwhile. */
    RETRY,
    /** Give the record up: it counts as ended (logged, counted as skipped, and committed past). */
    SKIP,
    /**
     * Write the record, byte for byte with provenance headers ({@link DeadLetterHeaders}), to the
     * policy's dead-letter topic; it counts as ended once the write is acknowledged.
     */
    DEAD_LETTER,
    /**
     * Stop the consumer: running records drain, what ended is committed, this record is not (its
     * next owner meets it again), and {@link LanesConsumer#termination()} fails naming it.
     */
    STOP
}
