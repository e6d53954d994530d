package dev.lanes;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * A snapshot of every {@link LanesMetric} of a {@link LanesConsumer}, for progress lines and health
 * checks: the counters only grow, the gauges are the values at the time of the snapshot. Read one
 * metric with {@link #get}, all of them with {@link #asMap()}, or the common ones with the named
 * accessors. Immutable.
 */
public final class LanesStats {
    private final long[] values;

    private LanesStats(long[] values) {
        this.values = values;
    }

    /** A snapshot holding, for each metric, what {@code read} returns for it (read in declaration order). */
    public static LanesStats of(ToLongFunction<LanesMetric> read) {
        Objects.requireNonNull(read, "read");
        LanesMetric[] metrics = LanesMetric.values();
        long[] values = new long[metrics.length];
        for (LanesMetric metric : metrics) {
            values[metric.ordinal()] = read.applyAsLong(metric);
        }
        return new LanesStats(values);
    }

    public long get(LanesMetric metric) {
        return values[metric.ordinal()];
    }

    /** Every metric and its value, in declaration order; unmodifiable. */
    public Map<LanesMetric, Long> asMap() {
        Map<LanesMetric, Long> map = new EnumMap<>(LanesMetric.class);
        for (LanesMetric metric : LanesMetric.values()) {
            map.put(metric, values[metric.ordinal()]);
        }
        return Collections.unmodifiableMap(map);
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

    @Override
    public boolean equals(Object other) {
        return other instanceof LanesStats that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LanesStats" + asMap();
    }
}
