package dev.lanes.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters the engine keeps about itself, readable from any thread (progress lines, tests, and
 * later the Micrometer binding). Written mostly by the poller thread.
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
}
