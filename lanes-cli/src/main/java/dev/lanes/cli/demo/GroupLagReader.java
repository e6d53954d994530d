package dev.lanes.cli.demo;

import java.time.Duration;

/**
 * Reads a consumer group's lag from outside the consumer, through the Admin API, as an
 * autoscaler would: Kafka's lag (end offsets minus committed offsets) and, where it can be read,
 * Lanes' honest backlog (Kafka's lag minus the offsets above the committed one that the commit
 * metadata names as ended; guarantee 11 of the design). The slow-key run of {@code lanes demo}
 * samples it ({@link SlowKeyRun}).
 */
interface GroupLagReader {

    /**
     * The group's totals over the topic now.
     *
     * @throws dev.lanes.cli.CliException if the offsets cannot be read within the timeout
     */
    GroupLag read(String group, String topic, Duration timeout) throws InterruptedException;

    /**
     * A group's lag, summed over its partitions.
     *
     * @param kafkaLag end offsets minus committed offsets (a partition without a committed offset
     *     counts from its start)
     * @param backlog what is really left: {@code kafkaLag} minus the records above the committed
     *     offsets that already ended; {@link #UNKNOWN} if this reader cannot read it
     */
    record GroupLag(long kafkaLag, long backlog) {

        /** The backlog of a reader that cannot read the commit metadata. */
        static final long UNKNOWN = -1;

        boolean backlogKnown() {
            return backlog != UNKNOWN;
        }
    }
}
