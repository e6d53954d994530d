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
 * <p>Confined to the poller thread; durations are measured by workers and passed in.
 */
public final class BatchSizer {
    static final long TARGET_BATCH_NANOS = 200_000;
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

    public int batchSize(int queuedRecords, int freeSlots) {
        if (nanosPerRecord < 0 || maxBatchSize == 1) {
            return 1;
        }
        long bySpeed = (long) (TARGET_BATCH_NANOS / Math.max(nanosPerRecord, 1.0));
        int spreadOver = Math.max(1, Math.min(freeSlots, parallelism));
        long bySpread = Math.max(1, ((long) queuedRecords + spreadOver - 1) / spreadOver);
        return (int) Math.max(1, Math.min(Math.min(bySpeed, bySpread), maxBatchSize));
    }
}
