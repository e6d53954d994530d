package dev.lanes.internal;

import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.RetryPolicy;
import dev.lanes.internal.partition.LaneStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The settings the poll loop works with, derived once from {@link LanesOptions}. Immutable.
 *
 * @param topicPattern {@code null} when {@code topics} are subscribed to
 * @param group the consumer group (named in dead letters)
 * @param handlerTimeout zero when off
 * @param trimToShare whether records polled beyond a partition's share go back to the log (while
 *     the handler is slow) unless they could start at once: in PARTITION order a partition is one
 *     lane, and in KEY order a hot key is, so their excess can only wait, holding buffer that
 *     idle partitions need. In UNORDERED order the excess feeds other slots.
 */
public record EngineConfig(List<String> topics, Pattern topicPattern, String group, LaneStrategy lanes,
                           int maxConcurrency, int maxBatchSize, int maxBufferedRecords, long maxBufferedBytes,
                           int maxPollRecords, int maxPollBytes, Duration commitInterval, Duration commitSyncTimeout,
                           Duration revokeTimeout, int metadataMaxChars, RetryPolicy retryPolicy,
                           Duration handlerTimeout, boolean trimToShare) {

    /** Bound on a synchronous commit (revocation, close); below any sane max.poll.interval.ms. */
    public static final Duration DEFAULT_COMMIT_SYNC_TIMEOUT = Duration.ofSeconds(15);

    public static EngineConfig of(LanesOptions<?, ?> options, int maxPollRecords, int metadataMaxChars) {
        return of(options, maxPollRecords, 0, metadataMaxChars);
    }

    /** @param maxPollBytes the consumer's {@code fetch.max.bytes}; 0 when unknown (tests) */
    public static EngineConfig of(LanesOptions<?, ?> options, int maxPollRecords, int maxPollBytes,
                                  int metadataMaxChars) {
        Map<String, Object> consumer = options.consumerProperties();
        return new EngineConfig(options.topics(), options.topicPattern().orElse(null),
                String.valueOf(consumer.get(ConsumerConfig.GROUP_ID_CONFIG)),
                LaneStrategy.of(options.ordering(), options.orderNullKeys()), options.maxConcurrency(),
                options.maxBatchSize(), options.maxBufferedRecords(), options.maxBufferedBytes(), maxPollRecords,
                maxPollBytes, options.commitInterval(), DEFAULT_COMMIT_SYNC_TIMEOUT, options.revokeTimeout(), metadataMaxChars,
                options.retryPolicy(), options.handlerTimeout(), options.ordering() != Ordering.UNORDERED);
    }
}
