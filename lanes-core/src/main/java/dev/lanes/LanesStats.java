package dev.lanes;

/**
 * A snapshot of what a {@link LanesConsumer} has done, for progress lines and health checks. The
 * counters only grow; the gauges are the values at the time of the snapshot.
 *
 * @param polledRecords records taken from the Kafka consumer (in PARTITION order with a slow
 *     handler, records polled beyond a partition's share go back to the log, uncounted, and are
 *     fetched again later)
 * @param endedRecords records whose handler ended well
 * @param failedAttempts handler invocations that failed (each is retried, or stops the consumer)
 * @param skippedRecords records a previous owner had already ended (named in its commit metadata)
 * @param commits commits the broker acknowledged
 * @param commitFailures commits that failed (made again later)
 * @param metadataOverflows commits made without metadata because it did not fit
 * @param offsetResets times a partition's offsets went back (a log truncated after an unclean
 *     leader election, a topic created again) and its state restarted; see docs/ENGINE.md
 * @param bufferedRecords gauge: records polled and not yet ended
 * @param runningBatches gauge: hand-offs to workers not yet back (each runs its records one at a time)
 * @param assignedPartitions gauge: partitions this instance owns
 */
public record LanesStats(long polledRecords, long endedRecords, long failedAttempts, long skippedRecords,
                         long commits, long commitFailures, long metadataOverflows, long offsetResets,
                         int bufferedRecords, int runningBatches, int assignedPartitions) {
}
