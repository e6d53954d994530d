package dev.lanes.internal.work;

import java.util.List;

/**
 * Records handed to one worker, run one after another, with what became of each. A batch goes to
 * the executor, runs, and comes back through the {@link Inbox}; its mutable fields are written by
 * the worker (its subclass) and read by the poller after the hand-back, which the inbox's queue
 * orders.
 */
public abstract class Batch implements Runnable, Completion {
    public static final byte NOT_STARTED = 0;
    public static final byte ENDED = 1;
    public static final byte FAILED = 2;

    private final List<WorkItem<?, ?>> items;
    private final byte[] outcomes;
    final Inbox inbox;
    private Throwable firstError;
    private long elapsedNanos;
    private int started;

    Batch(List<WorkItem<?, ?>> items, Inbox inbox) {
        this.items = items;
        this.outcomes = new byte[items.size()];
        this.inbox = inbox;
    }

    public final List<WorkItem<?, ?>> items() {
        return items;
    }

    /** {@link #NOT_STARTED}, {@link #ENDED} or {@link #FAILED}. */
    public final byte outcome(int index) {
        return outcomes[index];
    }

    /** The failure that ended the batch's run, or {@code null}. */
    public final Throwable firstError() {
        return firstError;
    }

    /** From the first start to the last end. */
    public final long elapsedNanos() {
        return elapsedNanos;
    }

    /** How many of its records were started. */
    public final int started() {
        return started;
    }

    /**
     * Whether to start {@code items.get(index)}: not after a failure in this batch (a later
     * record may be of the failed record's lane), and not for a partition being given up.
     */
    final boolean mayStart(int index) {
        return firstError == null && !items.get(index).partitionState().isRevoked();
    }

    final void starting() {
        started++;
    }

    final void ended(int index) {
        outcomes[index] = ENDED;
    }

    final void failed(int index, Throwable error) {
        outcomes[index] = FAILED;
        firstError = error == null ? new IllegalStateException("handler failed without an exception") : error;
    }

    /** Records how long it ran and hands it back to the poller. */
    final void finish(long elapsedNanos) {
        this.elapsedNanos = elapsedNanos;
        inbox.post(this);
    }
}
