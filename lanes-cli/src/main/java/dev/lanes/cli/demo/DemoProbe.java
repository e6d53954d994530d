package dev.lanes.cli.demo;

import dev.lanes.cli.SeenRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated handler of every {@code lanes demo} strategy, and what it observes: handler calls
 * in flight (and their peak), calls made, distinct records completed ({@link SeenRecords}: the
 * count check), the work of the first {@code needed} records; a gate that holds every handler
 * until the events are in the topic; and a timeline of in-flight calls and completed records,
 * sampled every 10 ms.
 *
 * <p>Threads: {@link #handle} runs on many handler threads at once (lock-free); the timeline
 * belongs to the sampler thread until {@link #stopSampling} joined it; the rest is called by the
 * command's thread.
 */
final class DemoProbe {

    private static final long SAMPLE_EVERY_MILLIS = 10;

    private final SeenRecords seen;
    private final long needed;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong neededWorkMicros = new AtomicLong();
    private final CountDownLatch gate = new CountDownLatch(1);
    private volatile long openedNanos;
    private final List<DemoResult.Sample> timeline = new ArrayList<>();
    private Thread sampler;

    /**
     * @param endOffsets the end offset of each partition of the topic
     * @param needed the records that make the strategy done
     */
    DemoProbe(long[] endOffsets, long needed) {
        this.seen = new SeenRecords(endOffsets, needed);
        this.needed = needed;
    }

    /**
     * Handles one record: waits until the gate is open, waits its I/O time (the value), then
     * counts it. Interruptible: a strategy that is stopped stops waiting, and the record does not
     * count.
     */
    void handle(int partition, long offset, byte[] value) throws InterruptedException {
        gate.await();
        invocations.incrementAndGet();
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            long micros = DemoEvents.workMicros(value);
            TimeUnit.MICROSECONDS.sleep(micros);
            long count = seen.add(partition, offset);
            if (count > 0 && count <= needed) {
                neededWorkMicros.addAndGet(micros);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Lets the handlers run, and starts the clock. Until then they wait at the gate, so that
     * every strategy starts with all the events in the topic and its consumers settled: the
     * measurement is how fast a strategy drains the backlog, not how fast the events arrive.
     * Opening twice does nothing.
     */
    void open() {
        if (gate.getCount() > 0) {
            openedNanos = System.nanoTime();
            gate.countDown();
        }
    }

    /** Waits until the needed records were completed; false on timeout. */
    boolean await(long timeoutMillis) throws InterruptedException {
        return seen.await(timeoutMillis);
    }

    /** Starts sampling; the timeline's times count from {@code sinceNanos}. Called once. */
    void startSampling(long sinceNanos) {
        sampler = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    sample(sinceNanos);
                    Thread.sleep(SAMPLE_EVERY_MILLIS);
                }
            } catch (InterruptedException e) {
                // stopped
            }
            sample(sinceNanos); // the state at the end, even if stopped before the first turn
        }, "lanes-demo-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Stops sampling, if it runs. @return the timeline */
    List<DemoResult.Sample> stopSampling() throws InterruptedException {
        if (sampler != null) {
            sampler.interrupt();
            sampler.join();
        }
        return List.copyOf(timeline);
    }

    private void sample(long sinceNanos) {
        timeline.add(new DemoResult.Sample((System.nanoTime() - sinceNanos) / 1e9, inFlight.get(), seen.count()));
    }

    int inFlight() {
        return inFlight.get();
    }

    int peakInFlight() {
        return peakInFlight.get();
    }

    long invocations() {
        return invocations.get();
    }

    /** Distinct records completed. */
    long distinct() {
        return seen.count();
    }

    /** The I/O time of the first {@code needed} distinct records completed. */
    long neededWorkMicros() {
        return neededWorkMicros.get();
    }

    /** When the gate opened; 0 before. */
    long openedNanos() {
        return openedNanos;
    }

    /** When the last needed record was completed; 0 before. */
    long doneNanos() {
        return seen.doneNanos();
    }
}
