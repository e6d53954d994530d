package dev.lanes.cli.bench;

/**
 * What one case of {@code lanes bench} measured about throughput, before memory and CPU are
 * added ({@link BenchResult}). Immutable.
 *
 * @param counted distinct records seen
 * @param recordsPerSecond from the first record seen to the last one needed
 * @param wallSeconds from the start of the case (group join included) to the last record needed
 * @param note {@code null}, or what went wrong (a timeout)
 * @param detail the case's own counters, one line
 */
record CaseRun(long counted, double recordsPerSecond, double wallSeconds, String note, String detail) {

    /**
     * @param startNanos when the case started
     * @param firstNanos when the first record was seen, 0 if none was
     * @param endNanos when the last needed record was seen (or the case gave up)
     */
    static CaseRun of(long startNanos, long firstNanos, long endNanos, long counted, String note,
                      String detail) {
        double seconds = (endNanos - (firstNanos == 0 ? startNanos : firstNanos)) / 1e9;
        return new CaseRun(counted, counted / Math.max(seconds, 1e-9), (endNanos - startNanos) / 1e9,
                note, detail);
    }
}
