package dev.lanes.internal.commit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.internal.metrics.EngineStats;
import dev.lanes.internal.offsets.OffsetTracker;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.poll.TestPartitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commits against a consumer whose broker accepts less metadata than Lanes was told. */
class CommitManagerTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int BROKER_LIMIT = 10;

    /** Every commit the broker accepted, as {@code offset/metadata length/epoch}. */
    private final List<String> accepted = new ArrayList<>();
    /** MockConsumer's commitSync goes through commitAsync without a callback: one place refuses both. */
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                                             OffsetCommitCallback callback) {
            try {
                refuseLongMetadata(offsets);
            } catch (OffsetMetadataTooLarge e) {
                if (callback == null) {
                    throw e;
                }
                callback.onComplete(offsets, e);
                return;
            }
            super.commitAsync(offsets, callback);
        }
    };
    private final EngineStats stats = new EngineStats();
    private final PartitionState partition = TestPartitions.partition(0);

    private void refuseLongMetadata(Map<TopicPartition, OffsetAndMetadata> offsets) {
        for (OffsetAndMetadata offset : offsets.values()) {
            if (offset.metadata().length() > BROKER_LIMIT) {
                throw new OffsetMetadataTooLarge("metadata of " + offset.metadata().length() + " chars");
            }
        }
        offsets.values().forEach(offset -> accepted.add(offset.offset() + "/" + offset.metadata().length() + "/"
                + offset.leaderEpoch().orElse(-1)));
    }

    @BeforeEach
    void assign() {
        consumer.assign(List.of(partition.topicPartition()));
    }

    /** Tracks offsets 0 to {@code upTo} and ends every third one above 0, so the metadata is long. */
    private void endScattered(long from, long upTo) {
        OffsetTracker tracker = partition.trackerStartingAt(from);
        for (long offset = tracker.lastTrackedOffset() + 1; offset <= upTo; offset++) {
            long handle = tracker.track(offset);
            if (offset % 3 == 1) {
                tracker.markEnded(handle);
            }
        }
    }

    private OffsetAndMetadata committed() {
        return consumer.committed(Set.of(partition.topicPartition())).get(partition.topicPartition());
    }

    @Test
    void aRefusedAsyncCommitIsMadeAgainAtOnceWithoutMetadataAndTheBudgetIsLowered() {
        CommitManager commits = new CommitManager(consumer, Duration.ofSeconds(1), 4096, stats, 0);
        partition.polledUnder(Optional.of(7));
        endScattered(0, 600);

        commits.maybeCommitAsync(List.of(partition), SECOND);

        assertThat(accepted).as("the same offset, without metadata, in the same turn").containsExactly("0/0/7");
        assertThat(stats.metadataRejections.sum()).isEqualTo(1);
        assertThat(commits.metadataMaxChars()).as("half the refused length").isLessThanOrEqualTo(BROKER_LIMIT);

        for (int turn = 2; turn < 10; turn++) {
            endScattered(0, 600 + 60L * turn); // something new to commit at each interval
            if (turn == 5) {
                partition.tracker().markEnded(0); // the lowest record ends: the committed offset moves
            }
            commits.maybeCommitAsync(List.of(partition), turn * SECOND);
        }

        assertThat(stats.metadataRejections.sum()).as("refused once, never again").isEqualTo(1);
        assertThat(committed().offset()).as("the committed offset follows").isEqualTo(2);
        assertThat(committed().leaderEpoch()).as("commits carry the leader epoch (KIP-320)").contains(7);
        assertThat(stats.commitFailures.sum()).isZero();
    }

    @Test
    void aRefusedRevocationCommitIsMadeAgainWithoutMetadata() {
        CommitManager commits = new CommitManager(consumer, Duration.ofSeconds(1), 4096, stats, 0);
        endScattered(0, 600);

        assertThat(commits.commitSync(List.of(partition), Duration.ofSeconds(1))).isTrue();

        assertThat(committed().offset()).isZero();
        assertThat(accepted).containsExactly("0/0/-1");
        assertThat(stats.metadataRejections.sum()).isEqualTo(1);
    }
}
