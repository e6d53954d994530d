package dev.lanes.internal;

import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.internal.partition.LaneStrategy;
import dev.lanes.internal.schedule.RetryBackoff;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The settings the poll loop works with, derived once from {@link LanesOptions}. Immutable.
 *
 * @param topicPattern {@code null} when {@code topics} are subscribed to
 * @param maxAttempts 0: unbounded
 * @param trimToShare whether records polled beyond a partition's share go back to the log (while
 *     the handler is slow): in PARTITION order a partition is one lane, so its excess can only
 *     wait, holding buffer that idle partitions need. In KEY and UNORDERED order the excess feeds
 *     other slots.
 */
public record EngineConfig(List<String> topics, Pattern topicPattern, LaneStrategy lanes, int maxConcurrency,
                           int maxBatchSize, int maxBufferedRecords, long maxBufferedBytes, int maxPollRecords,
                           Duration commitInterval, Duration commitSyncTimeout, Duration revokeTimeout,
                           int metadataMaxChars, RetryBackoff backoff, int maxAttempts, boolean trimToShare) {

    /** Bound on a synchronous commit (revocation, close); below any sane max.poll.interval.ms. */
    public static final Duration DEFAULT_COMMIT_SYNC_TIMEOUT = Duration.ofSeconds(15);

    public static EngineConfig of(LanesOptions<?, ?> options, int maxPollRecords, int metadataMaxChars) {
        return new EngineConfig(options.topics(), options.topicPattern().orElse(null),
                LaneStrategy.of(options.ordering(), options.orderNullKeys()), options.maxConcurrency(),
                options.maxBatchSize(), options.maxBufferedRecords(), options.maxBufferedBytes(), maxPollRecords,
                options.commitInterval(), DEFAULT_COMMIT_SYNC_TIMEOUT, options.revokeTimeout(), metadataMaxChars,
                new RetryBackoff(options.retryPolicy().initialBackoff(), options.retryPolicy().maxBackoff(),
                        options.retryPolicy().jitter()),
                options.retryPolicy().maxAttempts(), options.ordering() == Ordering.PARTITION);
    }
}
