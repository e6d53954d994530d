package dev.lanes.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the handler invocations of a test run, and the most that were ever in flight at once.
 * Thread-safe: the handler calls it from the consumer's worker threads, the test reads it.
 *
 * <pre>{@code
 * long start = journal.started();
 * Outcome outcome = Outcome.ERROR;
 * try {
 *     handle(record);
 *     outcome = Outcome.OK;
 * } finally {
 *     journal.ended(new Invocation(record.topic(), record.partition(), record.offset(), record.key(),
 *             record.attempt(), start, System.nanoTime(), outcome, "a"));
 * }
 * }</pre>
 */
public final class InvocationJournal {
    private final ConcurrentLinkedQueue<Invocation> invocations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    /**
     * Call when an invocation starts.
     *
     * @return its start time, {@link System#nanoTime()}
     */
    public long started() {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        return System.nanoTime();
    }

    /**
     * Call when an invocation that {@link #started()} ends, before the handler returns (or its
     * stage completes), so that the record's end is recorded before the consumer may commit it.
     *
     * @param invocation the invocation, with its end time
     */
    public void ended(Invocation invocation) {
        invocations.add(invocation);
        inFlight.decrementAndGet();
    }

    /**
     * Adds invocations recorded elsewhere, e.g. read from another process's journal file.
     *
     * @param more the invocations
     */
    public void addAll(List<Invocation> more) {
        invocations.addAll(more);
    }

    /** @return a copy of the invocations recorded so far */
    public List<Invocation> invocations() {
        return new ArrayList<>(invocations);
    }

    /** @return the most invocations in flight at once (between {@link #started()} and {@link #ended}) */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    /** @return how many distinct records have ended (an invocation whose outcome ends its record) */
    public long distinctRecordsEnded() {
        return invocations.stream().filter(i -> i.outcome().endsRecord()).map(Invocation::id).distinct().count();
    }
}
