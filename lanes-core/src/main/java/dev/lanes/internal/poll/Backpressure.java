package dev.lanes.internal.poll;

import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.schedule.Lane;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the records polled and not ended under the configured bounds. Each partition may buffer
 * its share of the bounds; one that holds its share is paused, the others keep fetching, and it
 * resumes once it has drained to half its share (resuming at once would pause and resume it on
 * nearly every turn, and each flip costs the broker a fetch). When the buffer as a whole has no
 * room left for one more poll ({@code max.poll.records}), every partition is paused until it has
 * drained a quarter, so the record bound is never passed; so is the byte bound, as far as a poll
 * brings at most {@code fetch.max.bytes} (lowered to a quarter of it), give or take one record
 * larger than that. The poller keeps polling while paused, so the instance stays in its group.
 *
 * <p>A partition whose oldest record does not end (a slow or failing record holding its lane)
 * is also paused once its offset tracker spans {@link #maxTrackedWindow} offsets: records behind
 * it keep ending, and without this bound the tracker and the commit metadata would grow without
 * end.
 *
 * <p>Confined to the poller thread. The only writer of each partition's {@link BufferShare}.
 */
public final class Backpressure {
    private static final Logger log = LoggerFactory.getLogger(Backpressure.class);

    private final int maxRecords;
    private final long maxBytes;
    private final int maxPollRecords;
    /** The consumer's {@code fetch.max.bytes}: about the most bytes one poll brings; 0 when unknown. */
    private final long maxPollBytes;
    /**
     * Past its share, a partition keeps a polled record only if the record's lane holds fewer
     * records than this: a key that recurs, not a hot key ({@link #trimToShare}).
     */
    static final int LANE_DEPTH_PAST_SHARE = 4;
    /** Per partition, the most offsets tracked from the committable one up before fetching stops. */
    private static final int MIN_TRACKED_WINDOW = 20_000;
    private int records;
    private long bytes;
    private boolean full;
    private long pauses;
    private int peakRecords;
    private long fullEpisodes;
    /** Owned partitions paused by the last {@link #apply}. */
    private int pausedPartitions;

    Backpressure(int maxRecords, long maxBytes, int maxPollRecords) {
        this(maxRecords, maxBytes, maxPollRecords, 0);
    }

    Backpressure(int maxRecords, long maxBytes, int maxPollRecords, long maxPollBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.maxPollRecords = maxPollRecords;
        this.maxPollBytes = maxPollBytes;
    }

    /**
     * The largest {@code fetch.max.bytes} that keeps the byte bound within one fetch of strict:
     * a quarter of it, as for records (a single record larger than that still comes, alone).
     */
    public static int maxPollBytesFor(long maxBufferedBytes, int configured) {
        return (int) Math.max(1, Math.min(configured, maxBufferedBytes / 4));
    }

    /** The largest {@code max.poll.records} that keeps the record bound strict and still lets polls be useful. */
    public static int maxPollRecordsFor(int maxBufferedRecords, int configured) {
        return Math.max(1, Math.min(configured, maxBufferedRecords / 4));
    }

    void added(PartitionState partition, int recordBytes) {
        partition.buffer().add(recordBytes);
        records++;
        bytes += recordBytes;
        peakRecords = Math.max(peakRecords, records);
    }

    void removed(PartitionState partition, int recordBytes) {
        partition.buffer().remove(recordBytes);
        records--;
        bytes -= recordBytes;
    }

    /** A partition was given up: whatever it buffered no longer counts. */
    void dropped(PartitionState partition) {
        records -= partition.buffer().records();
        bytes -= partition.buffer().bytes();
        partition.buffer().clear();
    }

    /**
     * A partition's state was replaced by a fresh one ({@code PartitionLifecycle#restart}): the
     * consumer still has the partition paused or not, whatever the new state says.
     */
    void carryPause(PartitionState from, PartitionState to) {
        to.buffer().paused(from.buffer().isPaused());
    }

    /**
     * Pauses the partitions that hold their share and resumes the others; pauses them all while the
     * buffer is full.
     *
     * <p>The shares keep a slow handler's buffer spread over the partitions, so that none waits
     * behind another's backlog. With a fast handler they cost more than they give: a partition
     * empties in moments, and pausing and resuming partitions one by one keeps the consumer's one
     * fetch per broker busy with some of them while the resumed ones wait; worse, when the only
     * partitions left in a fetch have nothing new, the broker holds it for {@code fetch.max.wait.ms}
     * (500 ms by default), and every resumed partition waits that long for its next fetch. So with
     * a fast handler only the whole buffer's bound pauses, all partitions at once.
     *
     * @param sharesApply whether each partition is held to its share (the handler may be slow)
     * @return whether any partition may fetch, i.e. whether a poll may return records
     */
    boolean apply(Consumer<?, ?> consumer, Collection<PartitionState> partitions, boolean sharesApply) {
        long pollBytes = Math.max(1, maxPollBytes);
        boolean room = full
                ? records + maxPollRecords <= maxRecords - maxRecords / 4 && bytes + pollBytes <= maxBytes - maxBytes / 4
                : records + maxPollRecords <= maxRecords && bytes + pollBytes <= maxBytes;
        logTransition(room);
        long shareRecords = shareRecords(partitions.size());
        long shareBytes = Math.max(1, maxBytes / Math.max(1, partitions.size()));
        List<TopicPartition> toPause = new ArrayList<>();
        List<TopicPartition> toResume = new ArrayList<>();
        boolean anyFetching = false;
        int paused = 0;
        for (PartitionState partition : partitions) {
            BufferShare held = partition.buffer();
            boolean overShare = sharesApply && (held.isPaused()
                    ? held.records() > shareRecords / 2 || held.bytes() > shareBytes / 2
                    : held.records() >= shareRecords || held.bytes() >= shareBytes);
            overShare |= partition.tracker() != null
                    && partition.tracker().trackedWindow() >= maxTrackedWindow(shareRecords);
            boolean pause = !room || overShare;
            if (pause != held.isPaused()) {
                held.paused(pause);
                (pause ? toPause : toResume).add(partition.topicPartition());
            }
            anyFetching |= !pause;
            paused += pause ? 1 : 0;
        }
        pausedPartitions = paused;
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
            pauses += toPause.size();
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
        return anyFetching;
    }

    /**
     * How many of the {@code polled} records just returned for a partition it keeps: up to its
     * share, and at least one so that it always moves. One poll can return
     * {@code max.poll.records} of a single partition, several times its share when the bound is
     * small or the partitions many; kept, a few partitions would hold the whole buffer while the
     * others stand idle, and in PARTITION order that caps the concurrency at the few. The records
     * not kept are fetched again later ({@link #trimToShare}); the poller trims only in ordered
     * modes and while the handler is slow ({@code EngineConfig#trimToShare},
     * {@code BatchSizer#handlerMayBeSlow}).
     */
    int keepable(PartitionState partition, int polled, int partitionCount) {
        return (int) Math.min(polled, Math.max(1, shareRecords(partitionCount) - partition.buffer().records()));
    }

    /** A partition's share of the record bound: an even split over the partitions owned. */
    private long shareRecords(int partitionCount) {
        return Math.max(1, maxRecords / Math.max(1, partitionCount));
    }

    /**
     * Keeps the first records polled for a partition, as many as it has room for
     * ({@link #keepable}) not counting those its previous owner already ended; beyond that, only
     * records of lanes that hold fewer than {@link #LANE_DEPTH_PAST_SHARE} records (queued,
     * running, or kept from this poll), and seeks back to the first of the others. In PARTITION
     * order a partition is one lane, so the poll is cut at its share. In KEY order a hot key's
     * records beyond the share go back to the log, while records of other keys still feed free
     * slots: a few hot keys can no longer fill the buffer and stall every partition (issue 10).
     *
     * <p>Keys that merely recur are not hot: with many partitions a share is smaller than a poll
     * (10,000 records over 48 partitions: 208), and a poll of 500 holds most keys two or three
     * times. Cutting at the second record of a key, as this did first, sought back at nearly
     * every poll, and each seek throws away the consumer's fetched megabyte of the partition, to
     * fetch it again: 1.2 CPU seconds of the client's network thread and 1.1 of the broker's for
     * 200,000 records, and 58 % of the ideal rate at c=1000 (issue 13).
     *
     * @param laneOf the lane a record joins
     * @return how many to keep
     */
    <R extends ConsumerRecord<?, ?>> int trimToShare(Consumer<?, ?> consumer, PartitionState partition,
                                                     List<R> polled, int partitionCount, Function<R, Lane> laneOf) {
        int room = keepable(partition, polled.size(), partitionCount);
        // Records the previous owner already ended are skipped, not buffered: they take no room.
        int kept = 0;
        Map<Lane, Integer> keptPerLane = null;
        for (int queued = 0; kept < polled.size(); kept++) {
            R record = polled.get(kept);
            if (partition.endedByPreviousOwner(record.offset())) {
                continue;
            }
            if (queued >= room) {
                if (keptPerLane == null) {
                    keptPerLane = lanesOf(polled.subList(0, kept), partition, laneOf);
                }
                Lane lane = laneOf.apply(record);
                int depth = lane.queuedRecords() + lane.inFlight() + keptPerLane.getOrDefault(lane, 0);
                if (lane.isOrdered() && depth >= LANE_DEPTH_PAST_SHARE) {
                    break;
                }
                keptPerLane.merge(lane, 1, Integer::sum);
            }
            queued++;
        }
        if (kept < polled.size()) {
            seekBack(consumer, polled.get(kept), polled.get(kept).offset());
        }
        return kept;
    }

    /** How many of the records kept so far from a poll join each lane (they are not queued yet). */
    private static <R extends ConsumerRecord<?, ?>> Map<Lane, Integer> lanesOf(List<R> kept, PartitionState partition,
                                                                             Function<R, Lane> laneOf) {
        Map<Lane, Integer> lanes = new IdentityHashMap<>();
        for (R record : kept) {
            if (!partition.endedByPreviousOwner(record.offset())) {
                lanes.merge(laneOf.apply(record), 1, Integer::sum);
            }
        }
        return lanes;
    }

    /**
     * Moves the fetch position of the record's partition back to {@code offset}, with the
     * record's leader epoch: a position without one would skip Kafka's check of the log against
     * its new leader (KIP-320), and records of a log truncated meanwhile would go unnoticed.
     */
    static void seekBack(Consumer<?, ?> consumer, ConsumerRecord<?, ?> record, long offset) {
        consumer.seek(new TopicPartition(record.topic(), record.partition()),
                new OffsetAndMetadata(offset, record.leaderEpoch(), ""));
    }

    static int maxTrackedWindow(long shareRecords) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_TRACKED_WINDOW, 10 * shareRecords));
    }

    int bufferedRecords() {
        return records;
    }

    long bufferedBytes() {
        return bytes;
    }

    int peakBufferedRecords() {
        return peakRecords;
    }

    /** Owned partitions the last {@link #apply} left paused. */
    int pausedPartitions() {
        return pausedPartitions;
    }

    long pauses() {
        return pauses;
    }

    private void logTransition(boolean room) {
        if (full == room) {
            full = !room;
            if (full && fullEpisodes++ == 0) {
                log.info("Buffer full ({} records, {} bytes held; bounds {} records, {} bytes): pausing fetches "
                        + "until handlers catch up (logged once; later episodes at debug)", records, bytes,
                        maxRecords, maxBytes);
            } else if (full) {
                log.debug("Buffer full again ({} records, {} bytes held)", records, bytes);
            } else {
                log.debug("Buffer has room again ({} records, {} bytes held): fetching", records, bytes);
            }
        }
    }
}
