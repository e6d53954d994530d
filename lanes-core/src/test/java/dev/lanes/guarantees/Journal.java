package dev.lanes.guarantees;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records every handler invocation of a test run (thread-safe), and the most invocations ever in
 * flight at once.
 */
public final class Journal {
    private final ConcurrentLinkedQueue<Invocation> invocations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    /** Call when an invocation starts; returns its start time. */
    public long started() {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        return System.nanoTime();
    }

    /** Call when an invocation ends, before returning from the handler. */
    public void ended(Invocation invocation) {
        invocations.add(invocation);
        inFlight.decrementAndGet();
    }

    public void addAll(List<Invocation> more) {
        invocations.addAll(more);
    }

    public List<Invocation> invocations() {
        return new ArrayList<>(invocations);
    }

    public int peakInFlight() {
        return peakInFlight.get();
    }

    public long distinctRecordsEnded() {
        return invocations.stream().filter(Invocation::ok).map(Invocation::id).distinct().count();
    }
}
