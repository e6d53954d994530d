package dev.lanes;

import java.util.Objects;

/**
 * One partition of a {@link GroupBacklog}: Kafka's lag beside the honest backlog (DESIGN.md
 * guarantee 11). Immutable.
 *
 * <p>{@code kafkaLag} is what Kafka's own tools report, {@code endOffset − committedOffset}. Lanes
 * commits the lowest offset that has not ended, and names in the commit's metadata the offsets
 * above it that have; those are finished work, so {@code backlog = kafkaLag − endedAboveCommitted}
 * is what is really left. Only ended offsets below {@code endOffset} count.
 *
 * <p>A partition the group has never committed has {@code committedOffset} {@value #NO_COMMITTED_OFFSET},
 * status {@link MetadataStatus#NO_COMMIT}, and its lag and backlog count from the log's start
 * offset (what a consumer reading from the earliest offset has to do); Kafka's tools show no lag
 * there. A committed offset below the log's start is not corrected for records deleted by
 * retention, as Kafka's tools do not correct it.
 *
 * @param topic the topic
 * @param partition the partition number
 * @param endOffset the log end offset (the offset the next record will get)
 * @param committedOffset the group's committed offset, or {@value #NO_COMMITTED_OFFSET} when there is none
 * @param kafkaLag {@code endOffset − committedOffset} (never negative), Kafka's view of the backlog
 * @param endedAboveCommitted offsets in {@code [committedOffset, endOffset)} that the commit's metadata
 *     names as ended; 0 unless {@code metadata} is {@link MetadataStatus#LANES}
 * @param backlog {@code kafkaLag − endedAboveCommitted}: the records still to end
 * @param metadata what the commit's metadata was, and so whether {@code endedAboveCommitted} could be read
 * @param metadataDetail one sentence on the metadata: what was found, or why it could not be used
 */
public record PartitionBacklog(String topic, int partition, long endOffset, long committedOffset, long kafkaLag,
                               long endedAboveCommitted, long backlog, MetadataStatus metadata,
                               String metadataDetail) {

    /** The {@link #committedOffset} of a partition the group has never committed. */
    public static final long NO_COMMITTED_OFFSET = -1;

    /** What the commit's metadata was; for anything but {@link #LANES}, the backlog is Kafka's lag. */
    public enum MetadataStatus {
        /** Written by Lanes for this committed offset: the ended offsets above it were subtracted. */
        LANES,
        /** Empty: nothing ended above the committed offset, or a commit by a client that writes none. */
        NONE,
        /** Not written by Lanes (another library, Kafka Streams, a person): nothing could be subtracted. */
        FOREIGN,
        /**
         * Marked as Lanes' but not readable here: corrupt, a newer format, or written for another
         * committed offset (the offset was reset since). Nothing could be subtracted.
         */
        UNREADABLE,
        /** The group has no committed offset for this partition: lag and backlog count from the log's start. */
        NO_COMMIT
    }

    /**
     * @throws IllegalArgumentException when the numbers do not add up
     *     ({@code backlog != kafkaLag − endedAboveCommitted}, or a count is negative)
     */
    public PartitionBacklog {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(metadataDetail, "metadataDetail");
        if (partition < 0 || endOffset < 0 || committedOffset < NO_COMMITTED_OFFSET || kafkaLag < 0
                || endedAboveCommitted < 0 || backlog < 0 || backlog != kafkaLag - endedAboveCommitted) {
            throw new IllegalArgumentException("inconsistent backlog of " + topic + "-" + partition + ": end "
                    + endOffset + ", committed " + committedOffset + ", Kafka lag " + kafkaLag + ", ended above "
                    + endedAboveCommitted + ", backlog " + backlog);
        }
    }

    /** Whether the group has a committed offset for this partition. */
    public boolean hasCommit() {
        return metadata != MetadataStatus.NO_COMMIT;
    }
}
