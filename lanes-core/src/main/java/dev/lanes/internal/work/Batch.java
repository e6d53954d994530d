package dev.lanes.internal.work;

import dev.lanes.HandlerTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records handed to one worker, run one after another, with what became of each. A batch goes to
 * the executor, runs, and comes back through the {@link Inbox}, handed back exactly once: by its
 * worker when it is done, or by the {@link HandlerWatchdog} when a record runs past the handler
 * timeout (the worker then leaves it alone: {@link #state} decides who hands it back).
 *
 * <p>Its fields are written by whoever hands it back (the worker, or the watchdog once it timed a
 * record out) and read by the poller after the hand-back, which the inbox's queue orders. The
 * running state is atomic: the watchdog reads it while the batch runs.
 */
public abstract class Batch implements Runnable, Completion {
    public static final byte NOT_STARTED = 0;
    public static final byte ENDED = 1;
    public static final byte FAILED = 2;

    /** {@link #state}: between records; done and handed back; timed out and handed back by the watchdog. */
    private static final int IDLE = -1;
    private static final int FINISHED = -2;
    private static final int TIMED_OUT = -3;

    private final List<WorkItem<?, ?>> items;
    private final byte[] outcomes;
    final Inbox inbox;
    private Throwable firstError;
    private long elapsedNanos;
    private int started;
    /** Whether the worker times each record for the listeners; set by the dispatcher before the hand-off. */
    private boolean timed;
    /** The index of the record running now, or one of {@link #IDLE}, {@link #FINISHED}, {@link #TIMED_OUT}. */
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile Thread worker;
    /**
     * The watchdog's own: the record it saw running at its last look, and since when. A record
     * has run for at least {@code now - watchedSince} when the watchdog sees the same index
     * again, which costs the worker no clock read per record.
     */
    private int watchedIndex = IDLE;
    private long watchedSince;
    /** Set by the watchdog after it interrupted the worker, so that the worker clears the flag after it. */
    private volatile boolean interruptSent;
    /** Run by the worker if it comes back from a record that timed out (the watchdog's count of stuck threads). */
    private volatile Runnable lateReturn;
    /**
     * The {@link Dispatcher}'s own, on the poller thread: when it handed the batch over, and its
     * neighbours in the list of batches out (which the health sampler walks).
     */
    long handedNanos;
    Batch previousOut;
    Batch nextOut;

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

    /** Poller thread, before the hand-off: the worker is to time each record (a listener wants it). */
    final void timeRecords() {
        timed = true;
    }

    /** Worker: whether to time each record. */
    final boolean timed() {
        return timed;
    }

    /** How many of its records were started. */
    public final int started() {
        return started;
    }

    /** When the dispatcher handed it to the executor (poller clock). */
    public final long handedNanos() {
        return handedNanos;
    }

    /**
     * Poller thread, for the health sampler: the records not returned yet — the one running and
     * those after it, which wait for it (all of them before the first starts) — each with the time
     * it has been in flight since. Nothing once the batch was handed back. False when the visitor
     * stopped.
     */
    final boolean forEachInFlight(InFlight visitor) {
        int index = state.get();
        if (index == FINISHED || index == TIMED_OUT) {
            return true;
        }
        for (int i = Math.max(0, index); i < items.size(); i++) {
            WorkItem<?, ?> item = items.get(i);
            if (!visitor.inFlight(item, item.inFlightSince(handedNanos))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Poller thread, when the executor refused the batch: it fails as if its first record had
     * (a failed attempt, retried or given up by the policy), and comes back at once.
     */
    public final void rejected(RuntimeException rejection) {
        started = 1;
        failed(0, rejection);
        finish(0);
    }

    /**
     * Watchdog thread: if a record has been running for {@code timeout} or more at
     * {@code nowNanos}, fails it with a {@link HandlerTimeoutException}, interrupts the worker of
     * a blocking batch, and hands the batch back (the records after it did not start).
     *
     * @param lateReturn run by the worker if it ever comes back from that record
     * @return whether it timed a record out
     */
    final boolean timeOutIfDue(long nowNanos, Duration timeout, Runnable lateReturn) {
        int index = state.get();
        if (index < 0 || index != watchedIndex) {
            watchedIndex = index;
            watchedSince = nowNanos;
            return false;
        }
        if (nowNanos - watchedSince < timeout.toNanos()) {
            return false;
        }
        this.lateReturn = lateReturn;
        if (!state.compareAndSet(index, TIMED_OUT)) {
            return false; // the record ended just now
        }
        failed(index, new HandlerTimeoutException(items.get(index).toString(), timeout));
        elapsedNanos = nowNanos - watchedSince;
        Thread running = worker;
        if (interruptsWorker() && running != null) {
            running.interrupt();
        }
        interruptSent = true;
        inbox.post(this);
        return true;
    }

    /** Whether a timeout interrupts the thread that runs the record (a blocking handler's). */
    abstract boolean interruptsWorker();

    /**
     * Whether to start {@code items.get(index)}: not after a failure in this batch (a later
     * record may be of the failed record's lane), and not for a partition being given up.
     */
    final boolean mayStart(int index) {
        return firstError == null && !items.get(index).partitionState().isRevoked();
    }

    /** Worker: its run begins on this thread (the one a timeout interrupts). */
    final void runningOn(Thread thread) {
        worker = thread;
    }

    /**
     * Worker: record {@code index} starts now. A lazy write: the watchdog may see it a moment
     * late, which only delays a timeout, and the hot path pays no fence per record.
     */
    final void starting(int index) {
        started++;
        state.lazySet(index);
    }

    /**
     * Worker: record {@code index} came back. False when it had timed out: the watchdog handed the
     * batch back, and this thread must leave it alone (it clears the watchdog's interrupt first).
     */
    final boolean returned(int index) {
        if (state.compareAndSet(index, IDLE)) {
            return true;
        }
        if (interruptsWorker()) {
            while (!interruptSent) {
                Thread.onSpinWait(); // the watchdog is between its state change and its interrupt
            }
            Thread.interrupted();
        }
        Runnable late = lateReturn;
        if (late != null) {
            late.run();
        }
        return false;
    }

    final void ended(int index) {
        outcomes[index] = ENDED;
    }

    final void failed(int index, Throwable error) {
        outcomes[index] = FAILED;
        firstError = error == null ? new IllegalStateException("handler failed without an exception") : error;
    }

    /** Records how long it ran and hands it back to the poller, unless the watchdog already did. */
    final void finish(long elapsedNanos) {
        if (state.compareAndSet(IDLE, FINISHED)) {
            this.elapsedNanos = elapsedNanos;
            inbox.post(this);
        }
    }
}
