package dev.lanes.internal.work;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Where workers leave finished batches for the poller, and how the poller sleeps until one
 * arrives. Many producers (workers), one consumer (the poller thread).
 */
public final class Inbox {
    private final ConcurrentLinkedQueue<Completion> finished = new ConcurrentLinkedQueue<>();
    private volatile Thread sleeper;

    /** Any thread: hands a finished batch to the poller and wakes it if it sleeps. */
    public void post(Completion completion) {
        finished.offer(completion);
        wakeUp();
    }

    /** Any thread: ends the poller's current or next {@link #await}. */
    public void wakeUp() {
        Thread thread = sleeper;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Poller only. */
    public Completion poll() {
        return finished.poll();
    }

    public boolean isEmpty() {
        return finished.isEmpty();
    }

    /** Poller only: sleeps up to {@code nanos} unless a batch is already waiting. */
    public void await(long nanos) {
        sleeper = Thread.currentThread();
        try {
            if (finished.isEmpty() && nanos > 0) {
                LockSupport.parkNanos(this, nanos);
            }
        } finally {
            sleeper = null;
        }
    }
}
