package dev.lanes.micrometer;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesMetric;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Binds a {@link LanesConsumer}'s metrics to a Micrometer {@link MeterRegistry}: one meter per
 * {@link LanesMetric} (its name, tags, description and, for bytes, its base unit, from that one
 * list; the reference is docs/METRICS.md), with the common tags of a {@link LanesMetricsConfig}.
 *
 * <pre>{@code
 * LanesConsumer<String, String> lanes = LanesConsumer.create(options);
 * LanesMetrics.bind(lanes, registry, LanesMetricsConfig.builder().tag("group", "orders").build());
 * lanes.start(handler);
 * }</pre>
 *
 * <p>Counters and gauges read {@code consumer.stats()} when the registry reads them; the timers
 * are fed by a {@link dev.lanes.RecordObserver} the binding adds to the consumer, so bind before
 * {@code start} for them to see every record. {@link #close()} removes the meters (the consumer
 * keeps telling the listener, which then records into timers no registry reads). Thread-safe.
 */
public final class LanesMetrics implements AutoCloseable {
    private final MeterRegistry registry;
    private final List<Meter> meters;
    private final PartitionBacklogGauges partitions;

    private LanesMetrics(MeterRegistry registry, List<Meter> meters, PartitionBacklogGauges partitions) {
        this.registry = registry;
        this.meters = meters;
        this.partitions = partitions;
    }

    /** {@link #bind(LanesConsumer, MeterRegistry, LanesMetricsConfig)} with {@link LanesMetricsConfig#defaults()}. */
    public static LanesMetrics bind(LanesConsumer<?, ?> consumer, MeterRegistry registry) {
        return bind(consumer, registry, LanesMetricsConfig.defaults());
    }

    /** Registers the consumer's meters in {@code registry}, and adds the listener that feeds its timers. */
    public static LanesMetrics bind(LanesConsumer<?, ?> consumer, MeterRegistry registry, LanesMetricsConfig config) {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(config, "config");
        List<Meter> meters = new ArrayList<>(StatsMeters.register(consumer, registry, config));
        RecordTimers timers = new RecordTimers(registry, config);
        meters.addAll(timers.meters());
        consumer.addObserver(timers);
        PartitionBacklogGauges partitions = config.backlogPerPartition()
                ? new PartitionBacklogGauges(consumer, registry, config) : null;
        return new LanesMetrics(registry, List.copyOf(meters), partitions);
    }

    /** The meters registered (the per-partition backlog gauges, which come and go, aside). */
    public List<Meter> meters() {
        return meters;
    }

    /** The per-partition gauges, for this package's tests; {@code null} when off. */
    PartitionBacklogGauges partitionsForTests() {
        return partitions;
    }

    /** Removes the meters from the registry. */
    @Override
    public void close() {
        if (partitions != null) {
            partitions.close();
        }
        meters.forEach(registry::remove);
    }
}
