package dev.lanes.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the records polled and not ended under the configured bounds. Each partition may buffer
 * its share of the bounds; one that holds its share is paused, the others keep fetching. When the
 * buffer as a whole has no room left for one more poll ({@code max.poll.records}), every partition
 * is paused, so the record bound is never passed; the byte bound may be passed by one poll.
 * The poller keeps polling while paused, so the instance stays in its group.
 *
 * <p>Confined to the poller thread.
 */
final class Backpressure {
    private static final Logger log = LoggerFactory.getLogger(Backpressure.class);

    private final int maxRecords;
    private final long maxBytes;
    private final int maxPollRecords;
    private int records;
    private long bytes;
    private boolean full;
    private long pauses;

    Backpressure(int maxRecords, long maxBytes, int maxPollRecords) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.maxPollRecords = maxPollRecords;
    }

    /** The largest {@code max.poll.records} that keeps the record bound strict and still lets polls be useful. */
    static int maxPollRecordsFor(int maxBufferedRecords, int configured) {
        return Math.max(1, Math.min(configured, maxBufferedRecords / 4));
    }

    void added(PartitionState partition, int recordBytes) {
        partition.bufferedRecords++;
        partition.bufferedBytes += recordBytes;
        records++;
        bytes += recordBytes;
    }

    void removed(PartitionState partition, int recordBytes) {
        partition.bufferedRecords--;
        partition.bufferedBytes -= recordBytes;
        records--;
        bytes -= recordBytes;
    }

    /** A partition was given up: whatever it buffered no longer counts. */
    void dropped(PartitionState partition) {
        records -= partition.bufferedRecords;
        bytes -= partition.bufferedBytes;
        partition.bufferedRecords = 0;
        partition.bufferedBytes = 0;
    }

    /**
     * Pauses the partitions that hold their share and resumes the others.
     *
     * @return whether any partition may fetch, i.e. whether a poll may return records
     */
    boolean apply(Consumer<?, ?> consumer, Collection<PartitionState> partitions) {
        boolean room = records + maxPollRecords <= maxRecords && bytes < maxBytes;
        logTransition(room);
        int count = Math.max(1, partitions.size());
        long shareRecords = Math.max(1, maxRecords / count);
        long shareBytes = Math.max(1, maxBytes / count);
        List<TopicPartition> toPause = new ArrayList<>();
        List<TopicPartition> toResume = new ArrayList<>();
        boolean anyFetching = false;
        for (PartitionState partition : partitions) {
            boolean pause = !room || partition.bufferedRecords >= shareRecords || partition.bufferedBytes >= shareBytes;
            if (pause != partition.paused) {
                partition.paused = pause;
                (pause ? toPause : toResume).add(partition.topicPartition);
            }
            anyFetching |= !pause;
        }
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
            pauses += toPause.size();
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
        return anyFetching;
    }

    int bufferedRecords() {
        return records;
    }

    long bufferedBytes() {
        return bytes;
    }

    long pauses() {
        return pauses;
    }

    private void logTransition(boolean room) {
        if (full == room) {
            full = !room;
            if (full) {
                log.info("Buffer full ({} records, {} bytes held; bounds {} records, {} bytes): pausing fetches "
                        + "until handlers catch up", records, bytes, maxRecords, maxBytes);
            } else {
                log.debug("Buffer has room again ({} records, {} bytes held): fetching", records, bytes);
            }
        }
    }
}
