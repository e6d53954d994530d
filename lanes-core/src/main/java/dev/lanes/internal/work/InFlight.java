package dev.lanes.internal.work;

/** Visits records in flight (health sampling, on the poller thread). */
@FunctionalInterface
public interface InFlight {
    /**
     * @param sinceNanos when the record was first handed to a worker (poller clock)
     * @return whether to go on: false stops the walk (the visitor has seen enough)
     */
    boolean inFlight(WorkItem<?, ?> item, long sinceNanos);
}
