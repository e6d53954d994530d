package dev.lanes.internal;

import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** The settings the poll loop works with, derived once from {@link LanesOptions}. Immutable. */
final class EngineConfig {
    /** Bound on a synchronous commit (revocation, close); below any sane max.poll.interval.ms. */
    static final Duration DEFAULT_COMMIT_SYNC_TIMEOUT = Duration.ofSeconds(15);

    final List<String> topics;
    final Pattern topicPattern;
    final LaneStrategy lanes;
    final int maxConcurrency;
    final int maxBatchSize;
    final int maxBufferedRecords;
    final long maxBufferedBytes;
    final int maxPollRecords;
    final Duration commitInterval;
    final Duration commitSyncTimeout;
    final Duration revokeTimeout;
    final int metadataMaxChars;
    final RetryBackoff backoff;
    /** 0: unbounded. */
    final int maxAttempts;
    /**
     * Whether records polled beyond a partition's share go back to the log (while the handler is
     * slow): in PARTITION order a partition is one lane, so its excess can only wait, holding
     * buffer that idle partitions need. In KEY and UNORDERED order the excess feeds other slots.
     */
    final boolean trimToShare;

    EngineConfig(LanesOptions<?, ?> options, int maxPollRecords, int metadataMaxChars) {
        this.topics = options.topics();
        this.topicPattern = options.topicPattern().orElse(null);
        this.lanes = LaneStrategy.of(options.ordering(), options.orderNullKeys());
        this.maxConcurrency = options.maxConcurrency();
        this.maxBatchSize = options.maxBatchSize();
        this.maxBufferedRecords = options.maxBufferedRecords();
        this.maxBufferedBytes = options.maxBufferedBytes();
        this.maxPollRecords = maxPollRecords;
        this.commitInterval = options.commitInterval();
        this.commitSyncTimeout = DEFAULT_COMMIT_SYNC_TIMEOUT;
        this.revokeTimeout = options.revokeTimeout();
        this.metadataMaxChars = metadataMaxChars;
        this.maxAttempts = options.retryPolicy().maxAttempts();
        this.trimToShare = options.ordering() == Ordering.PARTITION;
        this.backoff = new RetryBackoff(options.retryPolicy().initialBackoff(), options.retryPolicy().maxBackoff(),
                options.retryPolicy().jitter());
    }
}
