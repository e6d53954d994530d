package dev.lanes;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * A snapshot of every counter and gauge {@link LanesMetric} of a {@link LanesConsumer} (the timers
 * are told to a {@link RecordObserver} instead), for progress lines and health checks: the counters
 * only grow, the gauges are the values at the time of the snapshot. Read one metric with
 * {@link #get}, all of them with {@link #asMap()}, or the common ones with the named accessors; the
 * backlog of each owned partition with {@link #backlogByPartition()}. Immutable.
 */
public final class LanesStats {
    private final long[] values;
    private final Map<TopicPartition, Long> backlogByPartition;

    private LanesStats(long[] values, Map<TopicPartition, Long> backlogByPartition) {
        this.values = values;
        this.backlogByPartition = backlogByPartition;
    }

    /**
     * A snapshot holding, for each metric {@link LanesMetric#inStats() in stats}, what {@code read}
     * returns for it (read in declaration order), and no backlog per partition.
     */
    public static LanesStats of(ToLongFunction<LanesMetric> read) {
        return of(read, Map.of());
    }

    /** As {@link #of(ToLongFunction)}, with the backlog of each owned partition (copied). */
    public static LanesStats of(ToLongFunction<LanesMetric> read, Map<TopicPartition, Long> backlogByPartition) {
        Objects.requireNonNull(read, "read");
        LanesMetric[] metrics = LanesMetric.values();
        long[] values = new long[metrics.length];
        for (LanesMetric metric : metrics) {
            if (metric.inStats()) {
                values[metric.ordinal()] = read.applyAsLong(metric);
            }
        }
        return new LanesStats(values, Map.copyOf(backlogByPartition));
    }

    /** @throws IllegalArgumentException for a {@link LanesMetric.Kind#TIMER timer}, which stats do not hold */
    public long get(LanesMetric metric) {
        if (!metric.inStats()) {
            throw new IllegalArgumentException(metric.metricName() + " is a timer: a RecordObserver is told of it,"
                    + " stats do not hold it");
        }
        return values[metric.ordinal()];
    }

    /** Every counter and gauge and its value, in declaration order; unmodifiable. */
    public Map<LanesMetric, Long> asMap() {
        Map<LanesMetric, Long> map = new EnumMap<>(LanesMetric.class);
        for (LanesMetric metric : LanesMetric.values()) {
            if (metric.inStats()) {
                map.put(metric, values[metric.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * {@link LanesMetric#BACKLOG} of each owned partition whose lag the Kafka consumer knows (it
     * knows it once it fetched from the partition), as of the last measure; unmodifiable.
     */
    public Map<TopicPartition, Long> backlogByPartition() {
        return backlogByPartition;
    }

    /** {@link LanesMetric#POLLED_RECORDS}. */
    public long polledRecords() { return get(LanesMetric.POLLED_RECORDS); }

    /** {@link LanesMetric#ENDED_RECORDS}. */
    public long endedRecords() { return get(LanesMetric.ENDED_RECORDS); }

    /** {@link LanesMetric#FAILED_ATTEMPTS}. */
    public long failedAttempts() { return get(LanesMetric.FAILED_ATTEMPTS); }

    /** {@link LanesMetric#SKIPPED_RECORDS}. */
    public long skippedRecords() { return get(LanesMetric.SKIPPED_RECORDS); }

    /** {@link LanesMetric#DEAD_LETTERED_RECORDS}. */
    public long deadLetteredRecords() { return get(LanesMetric.DEAD_LETTERED_RECORDS); }

    /** {@link LanesMetric#ALREADY_ENDED_RECORDS}. */
    public long alreadyEndedRecords() { return get(LanesMetric.ALREADY_ENDED_RECORDS); }

    /** {@link LanesMetric#COMMITS}. */
    public long commits() { return get(LanesMetric.COMMITS); }

    /** {@link LanesMetric#COMMIT_FAILURES}. */
    public long commitFailures() { return get(LanesMetric.COMMIT_FAILURES); }

    /** {@link LanesMetric#METADATA_OVERFLOWS}. */
    public long metadataOverflows() { return get(LanesMetric.METADATA_OVERFLOWS); }

    /** {@link LanesMetric#OFFSET_RESETS}. */
    public long offsetResets() { return get(LanesMetric.OFFSET_RESETS); }

    /** {@link LanesMetric#BUFFERED_RECORDS}. */
    public int bufferedRecords() { return (int) get(LanesMetric.BUFFERED_RECORDS); }

    /** {@link LanesMetric#RUNNING_BATCHES}. */
    public int runningBatches() { return (int) get(LanesMetric.RUNNING_BATCHES); }

    /** {@link LanesMetric#ASSIGNED_PARTITIONS}. */
    public int assignedPartitions() { return (int) get(LanesMetric.ASSIGNED_PARTITIONS); }

    /** {@link LanesMetric#IN_FLIGHT_RECORDS}. */
    public int inFlightRecords() { return (int) get(LanesMetric.IN_FLIGHT_RECORDS); }

    /** {@link LanesMetric#BACKLOG}: the total over the owned partitions. */
    public long backlog() { return get(LanesMetric.BACKLOG); }

    @Override
    public boolean equals(Object other) {
        return other instanceof LanesStats that && Arrays.equals(values, that.values)
                && backlogByPartition.equals(that.backlogByPartition);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + backlogByPartition.hashCode();
    }

    @Override
    public String toString() {
        return "LanesStats" + asMap();
    }
}
