package dev.lanes.internal.schedule;

/**
 * Picks how many records to hand to one worker at once. Handing a record to another thread costs
 * a few microseconds; for a handler that takes nanoseconds that cost dominates, so fast handlers
 * get batches sized to take about {@link #TARGET_BATCH_NANOS}, while a slow (I/O-bound) handler
 * gets one record per hand-off so that every concurrency slot can wait on its own I/O. A batch is
 * also never larger than an even spread of the queued records over the workers that can really
 * run at once: the free slots, but no more than the processors, since a fast handler keeps a
 * processor busy and spreading its work thinner only adds hand-offs.
 *
 * <p>A slow handler with more records queued than there are slots gets batches of up to each
 * slot's share of them, up to {@link #SLOW_BATCH_NANOS} of work, which the dispatcher fills from
 * one lane only (a run of one key or partition: records that would wait for each other anyway),
 * so that a hung record holds back no other key. Each hand-off saved is a start on a worker and a
 * trip back through the poller, a millisecond on a loaded 2-core machine, which at 10 ms a record
 * cost a tenth of the rate (issue 13).
 *
 * <p>Confined to the poller thread; durations are measured by workers and passed in.
 */
public final class BatchSizer {
    static final long TARGET_BATCH_NANOS = 200_000;
    /** The most work a slow handler's batch holds: 100 ms. */
    static final long SLOW_BATCH_NANOS = 100_000_000;
    private static final double SMOOTHING = 0.2;

    private final int maxBatchSize;
    private final int parallelism;
    /** Mean handler time per record, smoothed; negative until the first batch came back. */
    private double nanosPerRecord = -1;

    public BatchSizer(int maxBatchSize, int parallelism) {
        this.maxBatchSize = maxBatchSize;
        this.parallelism = Math.max(1, parallelism);
    }

    public void recordBatch(long elapsedNanos, int records) {
        if (records <= 0) {
            return;
        }
        double sample = (double) Math.max(elapsedNanos, 0) / records;
        nanosPerRecord = nanosPerRecord < 0 ? sample : nanosPerRecord + SMOOTHING * (sample - nanosPerRecord);
    }

    /**
     * Whether the handler is slow, or not measured yet: about {@link #TARGET_BATCH_NANOS} a record
     * or more, the I/O-bound regime, where a record waiting in the buffer costs more than
     * fetching it again.
     */
    public boolean handlerMayBeSlow() {
        return nanosPerRecord < 0 || nanosPerRecord >= TARGET_BATCH_NANOS;
    }

    /**
     * @param queuedRecords records waiting to start
     * @param freeSlots slots free now
     * @param slots the concurrency limit: free and busy slots
     */
    public int batchSize(int queuedRecords, int freeSlots, int slots) {
        if (nanosPerRecord < 0 || maxBatchSize == 1) {
            return 1;
        }
        if (handlerMayBeSlow()) {
            long share = queuedRecords / Math.max(1, slots);
            long byTime = (long) (SLOW_BATCH_NANOS / nanosPerRecord);
            return (int) Math.max(1, Math.min(Math.min(share, byTime), maxBatchSize));
        }
        long bySpeed = (long) (TARGET_BATCH_NANOS / Math.max(nanosPerRecord, 1.0));
        int spreadOver = Math.max(1, Math.min(freeSlots, parallelism));
        long bySpread = Math.max(1, ((long) queuedRecords + spreadOver - 1) / spreadOver);
        return (int) Math.max(1, Math.min(Math.min(bySpeed, bySpread), maxBatchSize));
    }
}
