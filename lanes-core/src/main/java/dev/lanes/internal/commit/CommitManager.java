package dev.lanes.internal.commit;

import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.offsets.EndedRuns;
import dev.lanes.internal.offsets.OffsetMetadataCodec;
import dev.lanes.internal.partition.PartitionState;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits, per partition, the lowest offset whose record has not ended, with the offsets above it
 * that already ended in the metadata. Periodic commits are asynchronous and one at a time; a
 * partition is clean only once the broker acknowledged its offset and metadata, so a failed commit
 * is simply made again at the next interval. Revocation and close commit synchronously.
 *
 * <p>Confined to the poller thread (Kafka runs commit callbacks inside poll, on that thread). The
 * only writer of each partition's {@link CommitRecord}, and of its own schedule.
 */
public final class CommitManager {
    private static final Logger log = LoggerFactory.getLogger(CommitManager.class);
    /** An asynchronous commit whose callback has not come after this long no longer blocks the next. */
    private static final long STUCK_COMMIT_NANOS = Duration.ofSeconds(30).toNanos();

    private final Consumer<?, ?> consumer;
    private final long intervalNanos;
    /** The room for metadata: configured or read from the broker, lowered when the broker refuses more. */
    private int metadataMaxChars;
    private final EngineStats stats;
    private long nextCommitNanos;
    private long asyncStartedNanos;
    private boolean asyncInFlight;
    /** Commits the broker acknowledged, async or sync (read by the health sampler). */
    private long acknowledgedCommits;

    public CommitManager(Consumer<?, ?> consumer, Duration interval, int metadataMaxChars, EngineStats stats, long nowNanos) {
        this.consumer = consumer;
        this.intervalNanos = interval.toNanos();
        this.metadataMaxChars = metadataMaxChars;
        this.stats = stats;
        this.nextCommitNanos = nowNanos + intervalNanos;
    }

    /** How many commits the broker acknowledged so far; grows by one at each. */
    public long acknowledgedCommits() {
        return acknowledgedCommits;
    }

    public long nanosUntilDue(long nowNanos) {
        return Math.max(0, nextCommitNanos - nowNanos);
    }

    /** Commits the partitions whose offsets moved, if the interval is up; returns whether it was. */
    public boolean maybeCommitAsync(Collection<PartitionState> partitions, long nowNanos) {
        if (nowNanos - nextCommitNanos < 0) {
            return false;
        }
        nextCommitNanos = nowNanos + intervalNanos;
        if (asyncInFlight && nowNanos - asyncStartedNanos < STUCK_COMMIT_NANOS) {
            return true;
        }
        Map<TopicPartition, PartitionState> owners = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = dirtyOffsets(partitions, owners);
        if (offsets.isEmpty()) {
            return true;
        }
        asyncInFlight = true;
        asyncStartedNanos = nowNanos;
        consumer.commitAsync(offsets, (committed, error) -> {
            asyncInFlight = false;
            if (error == null) {
                acknowledge(offsets, owners);
            } else if (error instanceof OffsetMetadataTooLarge) {
                refusedMetadata(offsets);
                commitAsyncWithoutMetadata(offsets, owners);
            } else {
                stats.commitFailures.increment();
                log.warn("Commit of {} partitions failed; it is made again at the next interval: {}",
                        offsets.size(), error.toString());
            }
        });
        return true;
    }

    /** The same offsets again at once, without metadata: the committed offsets must follow (guarantee 5). */
    private void commitAsyncWithoutMetadata(Map<TopicPartition, OffsetAndMetadata> refused,
                                            Map<TopicPartition, PartitionState> owners) {
        Map<TopicPartition, OffsetAndMetadata> bare = withoutMetadata(refused);
        asyncInFlight = true;
        consumer.commitAsync(bare, (committed, error) -> {
            asyncInFlight = false;
            if (error == null) {
                acknowledge(bare, owners);
            } else {
                stats.commitFailures.increment();
                log.warn("Commit of {} partitions without metadata failed; it is made again at the next interval: {}",
                        bare.size(), error.toString());
            }
        });
    }

    /** Commits these partitions now, waiting up to {@code timeout}; failures are logged, not thrown. */
    public boolean commitSync(Collection<PartitionState> partitions, Duration timeout) {
        Map<TopicPartition, PartitionState> owners = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = dirtyOffsets(partitions, owners);
        if (offsets.isEmpty()) {
            return true;
        }
        try {
            try {
                consumer.commitSync(offsets, timeout);
            } catch (OffsetMetadataTooLarge e) {
                refusedMetadata(offsets);
                offsets = withoutMetadata(offsets);
                consumer.commitSync(offsets, timeout);
            }
            acknowledge(offsets, owners);
            return true;
        } catch (RuntimeException e) {
            stats.commitFailures.increment();
            log.warn("Commit of {} partitions failed; their next owner replays from the last acknowledged "
                    + "commit: {}", offsets.size(), e.toString());
            return false;
        }
    }

    /** Commits one offset without metadata now, whatever the partition's state; failures are logged. */
    public void commitSync(TopicPartition topicPartition, long offset, Duration timeout) {
        try {
            consumer.commitSync(Map.of(topicPartition, new OffsetAndMetadata(offset, "")), timeout);
            stats.commits.increment();
            acknowledgedCommits++;
        } catch (RuntimeException e) {
            stats.commitFailures.increment();
            log.warn("Commit of {} at {} failed: {}", topicPartition, offset, e.toString());
        }
    }

    /** Current room for metadata, in characters. */
    public int metadataMaxChars() {
        return metadataMaxChars;
    }

    /**
     * The broker refused the metadata (its {@code offset.metadata.max.bytes} is lower than the
     * budget: a limit read from another broker, or assumed when reading it was not permitted).
     * The budget is halved below the longest metadata refused, so after a few refusals it fits;
     * meanwhile every refused commit is made again without metadata at once.
     */
    private void refusedMetadata(Map<TopicPartition, OffsetAndMetadata> refused) {
        int longest = 0;
        for (OffsetAndMetadata offset : refused.values()) {
            longest = Math.max(longest, offset.metadata().length());
        }
        int lowered = Math.min(metadataMaxChars, longest) / 2;
        stats.metadataRejections.increment();
        log.warn("The broker refused {} characters of commit metadata (its offset.metadata.max.bytes is lower); "
                + "committing without it now, and with at most {} characters from now on", longest, lowered);
        metadataMaxChars = lowered;
    }

    private static Map<TopicPartition, OffsetAndMetadata> withoutMetadata(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> bare = new HashMap<>();
        offsets.forEach((partition, offset) ->
                bare.put(partition, new OffsetAndMetadata(offset.offset(), offset.leaderEpoch(), "")));
        return bare;
    }

    private Map<TopicPartition, OffsetAndMetadata> dirtyOffsets(Collection<PartitionState> partitions,
                                                                Map<TopicPartition, PartitionState> owners) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionState partition : partitions) {
            if (partition.tracker() == null) {
                continue;
            }
            CommitRecord record = partition.commits();
            TrackerSnapshot snapshot = TrackerSnapshot.of(partition.tracker());
            if (snapshot.equals(record.acknowledgedSnapshot())) {
                continue; // nothing ended or arrived since the acknowledged commit: skip the encoding
            }
            long offset = snapshot.committableOffset();
            String metadata = metadataFor(partition);
            if (offset == record.committedOffset() && metadata.equals(record.committedMetadata())) {
                record.acknowledged(snapshot);
                continue;
            }
            record.sent(snapshot);
            offsets.put(partition.topicPartition(), new OffsetAndMetadata(offset, partition.leaderEpoch(), metadata));
            owners.put(partition.topicPartition(), partition);
        }
        return offsets;
    }

    private String metadataFor(PartitionState partition) {
        EndedRuns ended = partition.endedAboveCommittable();
        Optional<String> encoded = OffsetMetadataCodec.encode(partition.tracker().committableOffset(), ended,
                metadataMaxChars);
        if (encoded.isPresent()) {
            return encoded.get();
        }
        stats.metadataOverflows.increment();
        log.warn("{}: {} ended offsets above {} do not fit in {} characters of commit metadata; committing "
                        + "without them (a new owner would replay them)", partition,
                ended.count(), partition.tracker().committableOffset(), metadataMaxChars);
        return "";
    }

    private void acknowledge(Map<TopicPartition, OffsetAndMetadata> offsets,
                             Map<TopicPartition, PartitionState> owners) {
        stats.commits.increment();
        acknowledgedCommits++;
        offsets.forEach((topicPartition, committed) -> {
            CommitRecord record = owners.get(topicPartition).commits();
            if (committed.offset() >= record.committedOffset()) {
                record.committed(committed.offset(), committed.metadata());
                TrackerSnapshot sent = record.sentSnapshot();
                if (sent != null && sent.committableOffset() == committed.offset()) {
                    record.acknowledged(sent);
                }
            }
        });
    }
}
