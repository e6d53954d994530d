package dev.lanes.internal.metrics;

import dev.lanes.LanesMetric;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.TopicPartition;

/**
 * Counters and gauges the engine keeps about itself, readable from any thread (progress lines,
 * {@code LanesConsumer#stats()}, tests, and later the Micrometer binding).
 *
 * <p>The counters are written by the poller thread's parts, each by the stage that sees the event
 * (the intake counts polled records, the settlement ended ones, the commit manager commits); a
 * {@link LongAdder} makes that safe from any thread anyway. The gauges are written only by
 * {@code Poller}, once per turn, through {@link #publishGauges} and {@link #publishFlow}, and the
 * backlog by {@code OwnBacklog} (on the poller thread) through {@link #publishBacklog}. Each is a
 * {@link LanesMetric}, read through {@link #read}; the timers are not kept here (they go to the
 * {@link RecordObservers}).
 */
public final class EngineStats {
    public final LongAdder polled = new LongAdder();
    public final LongAdder ended = new LongAdder();
    public final LongAdder failedAttempts = new LongAdder();
    public final LongAdder skippedAlreadyEnded = new LongAdder();
    /** Records the failure policy gave up by skipping them, and by writing them to the dead-letter topic. */
    public final LongAdder skipped = new LongAdder();
    public final LongAdder deadLettered = new LongAdder();
    public final LongAdder deadLetterWriteFailures = new LongAdder();
    public final LongAdder floodGuardTrips = new LongAdder();
    public final LongAdder handlerTimeouts = new LongAdder();
    /** A gauge kept as an adder: up when a timed-out thread is left behind, down when it returns. */
    public final LongAdder stuckWorkers = new LongAdder();
    public final LongAdder abandonedOnRevoke = new LongAdder();
    public final LongAdder commits = new LongAdder();
    public final LongAdder commitFailures = new LongAdder();
    public final LongAdder metadataOverflows = new LongAdder();
    public final LongAdder metadataRejections = new LongAdder();
    public final LongAdder unusableMetadata = new LongAdder();
    public final LongAdder revocations = new LongAdder();
    /** Records polled beyond their partition's share and left in the log, fetched again later. */
    public final LongAdder returnedToLog = new LongAdder();
    /** Times a partition's offsets went back (truncated log, re-created topic) and its state restarted. */
    public final LongAdder offsetResets = new LongAdder();
    private volatile int bufferedRecords;
    private volatile int peakBufferedRecords;
    private volatile int batchesOut;
    private volatile int assignedPartitions;
    private volatile long bufferedBytes;
    private volatile int inFlightRecords;
    private volatile int pausedPartitions;
    private volatile int concurrencyLimit;
    /** Written together by {@link #publishBacklog}: an immutable map and its sum. */
    private volatile Backlog backlog = new Backlog(Map.of(), 0);

    private record Backlog(Map<TopicPartition, Long> byPartition, long total) {
    }

    /** Poller thread only: the gauges as of the end of a turn. */
    public void publishGauges(int bufferedRecords, int peakBufferedRecords, int batchesOut, int assignedPartitions) {
        this.bufferedRecords = bufferedRecords;
        this.peakBufferedRecords = peakBufferedRecords;
        this.batchesOut = batchesOut;
        this.assignedPartitions = assignedPartitions;
    }

    /** Poller thread only: the flow gauges as of the end of a turn. */
    public void publishFlow(long bufferedBytes, int inFlightRecords, int pausedPartitions, int concurrencyLimit) {
        this.bufferedBytes = bufferedBytes;
        this.inFlightRecords = inFlightRecords;
        this.pausedPartitions = pausedPartitions;
        this.concurrencyLimit = concurrencyLimit;
    }

    /** Poller thread only: the backlog of each owned partition (an immutable map) and their total. */
    public void publishBacklog(Map<TopicPartition, Long> byPartition, long total) {
        this.backlog = new Backlog(byPartition, total);
    }

    public Map<TopicPartition, Long> backlogByPartition() {
        return backlog.byPartition();
    }

    public int bufferedRecords() {
        return bufferedRecords;
    }

    public int peakBufferedRecords() {
        return peakBufferedRecords;
    }

    public int batchesOut() {
        return batchesOut;
    }

    public int assignedPartitions() {
        return assignedPartitions;
    }

    /**
     * The current value of a metric; the switch has no default, so a new metric must be mapped here
     * to compile.
     *
     * @throws IllegalArgumentException for a timer, which is not kept here
     */
    public long read(LanesMetric metric) {
        return switch (metric) {
            case POLLED_RECORDS -> polled.sum();
            case ENDED_RECORDS -> ended.sum();
            case FAILED_ATTEMPTS -> failedAttempts.sum();
            case ALREADY_ENDED_RECORDS -> skippedAlreadyEnded.sum();
            case SKIPPED_RECORDS -> skipped.sum();
            case DEAD_LETTERED_RECORDS -> deadLettered.sum();
            case DEAD_LETTER_WRITE_FAILURES -> deadLetterWriteFailures.sum();
            case FLOOD_GUARD_TRIPS -> floodGuardTrips.sum();
            case HANDLER_TIMEOUTS -> handlerTimeouts.sum();
            case STUCK_WORKERS -> stuckWorkers.sum();
            case RETURNED_RECORDS -> returnedToLog.sum();
            case ABANDONED_RECORDS -> abandonedOnRevoke.sum();
            case COMMITS -> commits.sum();
            case COMMIT_FAILURES -> commitFailures.sum();
            case METADATA_OVERFLOWS -> metadataOverflows.sum();
            case METADATA_REJECTIONS -> metadataRejections.sum();
            case UNUSABLE_METADATA -> unusableMetadata.sum();
            case REVOCATIONS -> revocations.sum();
            case OFFSET_RESETS -> offsetResets.sum();
            case BUFFERED_RECORDS -> bufferedRecords;
            case PEAK_BUFFERED_RECORDS -> peakBufferedRecords;
            case RUNNING_BATCHES -> batchesOut;
            case ASSIGNED_PARTITIONS -> assignedPartitions;
            case IN_FLIGHT_RECORDS -> inFlightRecords;
            case BUFFERED_BYTES -> bufferedBytes;
            case PAUSED_PARTITIONS -> pausedPartitions;
            case CONCURRENCY_LIMIT -> concurrencyLimit;
            case BACKLOG -> backlog.total();
            case HANDLER_DURATION, QUEUED_DURATION, RECORD_LATENCY ->
                    throw new IllegalArgumentException(metric + " is a timer, told to the listeners");
        };
    }
}
