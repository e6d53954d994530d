package dev.lanes.micrometer;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How {@link LanesMetrics} registers a consumer's meters: common tags (e.g. the consumer group, to
 * tell several consumers apart in one registry), the percentiles and histogram of the timers, and
 * whether the backlog is one gauge or one per partition. Immutable; built by {@link #builder()}.
 */
public final class LanesMetricsConfig {
    private static final LanesMetricsConfig DEFAULTS = builder().build();

    private final Tags tags;
    private final double[] percentiles;
    private final boolean percentileHistogram;
    private final boolean backlogPerPartition;
    private final Duration partitionRefresh;

    private LanesMetricsConfig(Builder b) {
        this.tags = b.tags;
        this.percentiles = b.percentiles.clone();
        this.percentileHistogram = b.percentileHistogram;
        this.backlogPerPartition = b.backlogPerPartition;
        this.partitionRefresh = b.partitionRefresh;
    }

    /** No common tags, no percentiles, no histogram, one backlog gauge. */
    public static LanesMetricsConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Added to every meter. */
    public Tags tags() { return tags; }

    /** Percentiles the timers publish (client-side, e.g. 0.5, 0.99); empty by default. */
    public double[] percentiles() { return percentiles.clone(); }

    /** Whether the timers publish histogram buckets (for server-side percentiles, e.g. Prometheus'). */
    public boolean percentileHistogram() { return percentileHistogram; }

    /**
     * Whether {@code lanes.backlog} is one gauge per owned partition (tags {@code topic} and
     * {@code partition}) instead of one for the consumer. Off by default: a tag per partition
     * multiplies the series by the partitions owned.
     */
    public boolean backlogPerPartition() { return backlogPerPartition; }

    /** How often the per-partition gauges follow the partitions owned (when they are on). */
    public Duration partitionRefresh() { return partitionRefresh; }

    /** Collects settings; not thread-safe. */
    public static final class Builder {
        private Tags tags = Tags.empty();
        private double[] percentiles = new double[0];
        private boolean percentileHistogram;
        private boolean backlogPerPartition;
        private Duration partitionRefresh = Duration.ofSeconds(10);

        private Builder() {
        }

        /** A common tag, e.g. {@code tag("group", "orders")}. */
        public Builder tag(String key, String value) {
            tags = tags.and(key, value);
            return this;
        }

        /** Common tags. */
        public Builder tags(Iterable<Tag> more) {
            tags = tags.and(more);
            return this;
        }

        /** {@link LanesMetricsConfig#percentiles()}: each in [0, 1]. */
        public Builder percentiles(double... values) {
            for (double value : values) {
                if (!(value >= 0 && value <= 1)) {
                    throw new IllegalArgumentException("a percentile must be 0 to 1, was " + value);
                }
            }
            percentiles = values.clone();
            return this;
        }

        /** {@link LanesMetricsConfig#percentileHistogram()}. */
        public Builder percentileHistogram(boolean on) {
            percentileHistogram = on;
            return this;
        }

        /** {@link LanesMetricsConfig#backlogPerPartition()}. */
        public Builder backlogPerPartition(boolean on) {
            backlogPerPartition = on;
            return this;
        }

        /** {@link LanesMetricsConfig#partitionRefresh()}: positive. */
        public Builder partitionRefresh(Duration every) {
            Objects.requireNonNull(every, "partitionRefresh");
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("partitionRefresh must be positive, was " + every);
            }
            partitionRefresh = every;
            return this;
        }

        public LanesMetricsConfig build() {
            return new LanesMetricsConfig(this);
        }
    }

    @Override
    public String toString() {
        return "LanesMetricsConfig{tags=" + tags + ", percentiles=" + Arrays.toString(percentiles)
                + ", percentileHistogram=" + percentileHistogram + ", backlogPerPartition=" + backlogPerPartition + "}";
    }
}
