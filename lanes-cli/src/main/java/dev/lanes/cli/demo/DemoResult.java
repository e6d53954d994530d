package dev.lanes.cli.demo;

import java.util.List;

/**
 * What one strategy of {@code lanes demo} measured. The speed-up over the sequential row is the
 * report's to compute ({@link DemoReport}). Immutable.
 *
 * @param strategy the row
 * @param records records the strategy had to process (the sample, for an extrapolated row)
 * @param distinct distinct records its handler completed: the count check
 * @param invocations handler calls, replays included
 * @param measuredSeconds from the moment the handlers may start (every event is in the topic) to
 *     the end of the last needed record
 * @param wallSeconds {@code measuredSeconds}, or for an extrapolated row the time all the events
 *     would take at the sample's pace (scaled by work, not by count)
 * @param idealSeconds the least time the whole workload can take at the strategy's effective
 *     concurrency ({@link DemoEvents#idealSeconds})
 * @param extrapolated whether the row was measured on a sample
 * @param peakInFlight the most handler calls seen at once
 * @param timeline the samples taken while it ran
 * @param note {@code null}, or what went wrong (a timeout)
 */
record DemoResult(DemoStrategy strategy, long records, long distinct, long invocations, double measuredSeconds,
                  double wallSeconds, double idealSeconds, boolean extrapolated, int peakInFlight,
                  List<Sample> timeline, String note) {

    DemoResult {
        timeline = List.copyOf(timeline);
    }

    /**
     * One sample of a running strategy.
     *
     * @param seconds since the handlers may start
     * @param inFlight handler calls running at that moment
     * @param processed distinct records completed so far
     */
    record Sample(double seconds, int inFlight, long processed) {
    }

    /**
     * Records per second over all the events: the event count over {@link #wallSeconds}; NaN for
     * an incomplete row, whose time says nothing about the whole.
     */
    double recordsPerSecond(long events) {
        return complete() ? events / wallSeconds : Double.NaN;
    }

    /** The ideal time over the wall time: 1.0 is as fast as the concurrency allows; NaN if incomplete. */
    double efficiency() {
        return complete() ? idealSeconds / wallSeconds : Double.NaN;
    }

    /** A row that could not run: the reason is its note. */
    static DemoResult failed(DemoStrategy strategy, long records, String reason) {
        return new DemoResult(strategy, records, 0, 0, Double.NaN, Double.NaN, Double.NaN, false, 0, List.of(),
                reason);
    }

    /** Whether every record was processed: a row that fails this does not count. */
    boolean complete() {
        return distinct >= records && note == null;
    }
}
