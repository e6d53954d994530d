package dev.lanes.internal.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.PartitionBacklog;
import dev.lanes.PartitionBacklog.MetadataStatus;
import dev.lanes.internal.offsets.OffsetMetadataCodec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The backlog of one partition, from metadata the engine's codec really writes. */
class PartitionArithmeticTest {

    private static final TopicPartition PARTITION = new TopicPartition("orders", 3);

    @Test
    void endedOffsetsNamedInLanesMetadataAreNotBacklog() {
        // Committed 100 (record 100 still running); 101..150 and 160 ended; the log ends at 200.
        long[] ended = new long[51];
        for (int i = 0; i < 50; i++) {
            ended[i] = 101 + i;
        }
        ended[50] = 160;

        PartitionBacklog backlog = PartitionArithmetic.of(PARTITION, 200, committed(100, ended), 0);

        assertThat(backlog.kafkaLag()).isEqualTo(100);
        assertThat(backlog.endedAboveCommitted()).isEqualTo(51);
        assertThat(backlog.backlog()).isEqualTo(49);
        assertThat(backlog.metadata()).isEqualTo(MetadataStatus.LANES);
        assertThat(backlog).extracting(PartitionBacklog::topic, PartitionBacklog::partition,
                PartitionBacklog::endOffset, PartitionBacklog::committedOffset).containsExactly("orders", 3, 200L, 100L);
    }

    @Test
    void aLargeEndedRunCostsNothingAndCountsExactly() {
        // A compact encoding (one run of a million ended offsets) of a stuck record's partition.
        long[] ended = new long[1_000_000];
        for (int i = 0; i < ended.length; i++) {
            ended[i] = 8 + i;
        }

        PartitionBacklog backlog = PartitionArithmetic.of(PARTITION, 1_000_010, committed(7, ended), 0);

        assertThat(backlog.kafkaLag()).isEqualTo(1_000_003);
        assertThat(backlog.backlog()).isEqualTo(3); // 7, 1_000_008 and 1_000_009
    }

    @Test
    void endedOffsetsAtOrPastTheEndOffsetAreNotSubtracted() {
        // The log was truncated below offsets that had ended (an unclean leader election).
        PartitionBacklog backlog = PartitionArithmetic.of(PARTITION, 12, committed(10, new long[] {11, 12, 13}), 0);

        assertThat(backlog.kafkaLag()).isEqualTo(2);
        assertThat(backlog.endedAboveCommitted()).isEqualTo(1);
        assertThat(backlog.backlog()).isEqualTo(1);
    }

    @Test
    void noMetadataMeansNothingEndedAboveTheCommit() {
        PartitionBacklog backlog = PartitionArithmetic.of(PARTITION, 50, new OffsetAndMetadata(50, ""), 0);

        assertThat(backlog).extracting(PartitionBacklog::kafkaLag, PartitionBacklog::backlog,
                PartitionBacklog::metadata).containsExactly(0L, 0L, MetadataStatus.NONE);
    }

    @Test
    void foreignMetadataLeavesKafkasLagAndSaysWhy() {
        PartitionBacklog backlog = PartitionArithmetic.of(PARTITION, 500, new OffsetAndMetadata(100, "my-app v1"), 0);

        assertThat(backlog.kafkaLag()).isEqualTo(400);
        assertThat(backlog.backlog()).isEqualTo(400);
        assertThat(backlog.endedAboveCommitted()).isZero();
        assertThat(backlog.metadata()).isEqualTo(MetadataStatus.FOREIGN);
        assertThat(backlog.metadataDetail()).contains("not written by Lanes").contains("my-app v1");
    }

    @Test
    void garbledLanesMetadataLeavesKafkasLagAndSaysWhy() {
        PartitionBacklog backlog = PartitionArithmetic.of(PARTITION, 500,
                new OffsetAndMetadata(100, OffsetMetadataCodec.PREFIX + "!!not base64!!"), 0);

        assertThat(backlog.backlog()).isEqualTo(400);
        assertThat(backlog.metadata()).isEqualTo(MetadataStatus.UNREADABLE);
        assertThat(backlog.metadataDetail()).contains("unreadable Lanes metadata");
    }

    @Test
    void lanesMetadataWrittenForAnotherCommittedOffsetIsUnreadable() {
        // Written when 90 was committed; the offset was reset to 100 since, the metadata kept.
        String metadata = OffsetMetadataCodec.encode(90, new long[] {95, 120}, 4096).orElseThrow();

        PartitionBacklog backlog = PartitionArithmetic.of(PARTITION, 500, new OffsetAndMetadata(100, metadata), 0);

        assertThat(backlog.backlog()).isEqualTo(400);
        assertThat(backlog.metadata()).isEqualTo(MetadataStatus.UNREADABLE);
        assertThat(backlog.metadataDetail()).contains("committed offset is 100");
    }

    @Test
    void aPartitionNeverCommittedCountsFromTheLogStart() {
        PartitionBacklog backlog = PartitionArithmetic.of(PARTITION, 500, null, 120);

        assertThat(backlog).extracting(PartitionBacklog::committedOffset, PartitionBacklog::kafkaLag,
                        PartitionBacklog::backlog, PartitionBacklog::metadata, PartitionBacklog::hasCommit)
                .containsExactly(PartitionBacklog.NO_COMMITTED_OFFSET, 380L, 380L, MetadataStatus.NO_COMMIT, false);
    }

    @Test
    void aCommitAboveTheEndOffsetIsNoLag() {
        PartitionBacklog backlog = PartitionArithmetic.of(PARTITION, 40, committed(50, new long[] {52}), 0);

        assertThat(backlog).extracting(PartitionBacklog::kafkaLag, PartitionBacklog::endedAboveCommitted,
                PartitionBacklog::backlog).containsExactly(0L, 0L, 0L);
    }

    private static OffsetAndMetadata committed(long offset, long[] ended) {
        return new OffsetAndMetadata(offset,
                OffsetMetadataCodec.encode(offset, ended, OffsetMetadataCodec.KAFKA_DEFAULT_MAX_METADATA_CHARS).orElseThrow());
    }
}
