package dev.lanes.internal.work;

import dev.lanes.internal.metrics.EngineStats;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends invocations that run past the handler timeout, so that a hung call never holds its slot
 * and its lane forever: it fails the record (a {@code HandlerTimeoutException}, retried or given
 * up by the policy), interrupts a blocking handler's thread, and hands the batch back at once
 * ({@link Batch#timeOutIfDue}). A thread that ignores the interrupt is left behind: it no longer
 * counts against the concurrency limit, and is counted as stuck until it returns.
 *
 * <p>Its own daemon thread scans the batches out a few times per timeout, which costs nothing per
 * record. The {@link Dispatcher} adds and removes batches (poller thread); the set is concurrent.
 */
public final class HandlerWatchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HandlerWatchdog.class);
    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Duration timeout;
    private final EngineStats stats;
    private final Set<Batch> running = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;

    /** Starts the watchdog's thread; {@code timeout} must be positive. */
    public static HandlerWatchdog start(Duration timeout, EngineStats stats, String name) {
        HandlerWatchdog watchdog = new HandlerWatchdog(timeout, stats, name);
        watchdog.thread.start();
        return watchdog;
    }

    /** A watchdog without its thread: the caller checks, at the times it chooses ({@link #check}). */
    static HandlerWatchdog manual(Duration timeout, EngineStats stats) {
        return new HandlerWatchdog(timeout, stats, "lanes-watchdog-manual");
    }

    private HandlerWatchdog(Duration timeout, EngineStats stats, String name) {
        this.timeout = timeout;
        this.stats = stats;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void watch(Batch batch) {
        running.add(batch);
    }

    void unwatch(Batch batch) {
        running.remove(batch);
    }

    /** Times out every record running for the timeout or more at {@code nowNanos}; returns how many. */
    int check(long nowNanos) {
        int timedOut = 0;
        for (Batch batch : running) {
            if (batch.timeOutIfDue(nowNanos, timeout, stats.stuckWorkers::decrement)) {
                timedOut++;
                stats.handlerTimeouts.increment();
                stats.stuckWorkers.increment();
                // The failure was written by this thread; the worker's own counters are not ours to read.
                log.warn("{}; its thread was interrupted and the attempt counts as failed",
                        batch.firstError().getMessage());
            }
        }
        return timedOut;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    private void run() {
        long period = Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, timeout.toNanos() / 8));
        while (!closed) {
            LockSupport.parkNanos(this, period);
            check(System.nanoTime());
        }
    }
}
