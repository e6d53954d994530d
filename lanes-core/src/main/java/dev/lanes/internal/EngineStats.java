package dev.lanes.internal;

import dev.lanes.LanesMetric;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters the engine keeps about itself, readable from any thread (progress lines, tests, and
 * later the Micrometer binding). Written mostly by the poller thread. Each is a {@link LanesMetric},
 * read through {@link #read}.
 */
final class EngineStats {
    final LongAdder polled = new LongAdder();
    final LongAdder ended = new LongAdder();
    final LongAdder failedAttempts = new LongAdder();
    final LongAdder skippedAlreadyEnded = new LongAdder();
    final LongAdder abandonedOnRevoke = new LongAdder();
    final LongAdder commits = new LongAdder();
    final LongAdder commitFailures = new LongAdder();
    final LongAdder metadataOverflows = new LongAdder();
    final LongAdder unusableMetadata = new LongAdder();
    final LongAdder revocations = new LongAdder();
    /** Records polled beyond their partition's share and left in the log, fetched again later. */
    final LongAdder returnedToLog = new LongAdder();
    /** Times a partition's offsets went back (truncated log, re-created topic) and its state restarted. */
    final LongAdder offsetResets = new LongAdder();
    volatile int bufferedRecords;
    volatile int peakBufferedRecords;
    volatile int batchesOut;
    volatile int assignedPartitions;

    /** The current value of a metric; the switch has no default, so a new metric must be mapped here to compile. */
    long read(LanesMetric metric) {
        return switch (metric) {
            case POLLED_RECORDS -> polled.sum();
            case ENDED_RECORDS -> ended.sum();
            case FAILED_ATTEMPTS -> failedAttempts.sum();
            case SKIPPED_RECORDS -> skippedAlreadyEnded.sum();
            case RETURNED_RECORDS -> returnedToLog.sum();
            case ABANDONED_RECORDS -> abandonedOnRevoke.sum();
            case COMMITS -> commits.sum();
            case COMMIT_FAILURES -> commitFailures.sum();
            case METADATA_OVERFLOWS -> metadataOverflows.sum();
            case UNUSABLE_METADATA -> unusableMetadata.sum();
            case REVOCATIONS -> revocations.sum();
            case OFFSET_RESETS -> offsetResets.sum();
            case BUFFERED_RECORDS -> bufferedRecords;
            case PEAK_BUFFERED_RECORDS -> peakBufferedRecords;
            case RUNNING_BATCHES -> batchesOut;
            case ASSIGNED_PARTITIONS -> assignedPartitions;
        };
    }
}
