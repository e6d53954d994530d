package dev.lanes.internal;

import java.util.List;

/**
 * Records handed to one worker, run one after another, with what became of each. A batch goes to
 * the executor, runs, and comes back through the {@link Inbox}; its fields are written by the
 * worker and read by the poller after the hand-back (the inbox's queue orders the two).
 */
abstract class Batch implements Runnable {
    static final byte NOT_STARTED = 0;
    static final byte ENDED = 1;
    static final byte FAILED = 2;

    final List<WorkItem<?, ?>> items;
    final byte[] outcomes;
    final Inbox inbox;
    Throwable firstError;
    long elapsedNanos;
    int started;

    Batch(List<WorkItem<?, ?>> items, Inbox inbox) {
        this.items = items;
        this.outcomes = new byte[items.size()];
        this.inbox = inbox;
    }

    /**
     * Whether to start {@code items.get(index)}: not after a failure in this batch (a later
     * record may be of the failed record's lane), and not for a partition being given up.
     */
    final boolean mayStart(int index) {
        return firstError == null && !items.get(index).partition.isRevoked();
    }

    final void failed(int index, Throwable error) {
        outcomes[index] = FAILED;
        firstError = error == null ? new IllegalStateException("handler failed without an exception") : error;
    }
}
