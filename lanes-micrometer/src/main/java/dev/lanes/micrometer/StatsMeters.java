package dev.lanes.micrometer;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesMetric;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The counters and gauges of a consumer, one meter per {@link LanesMetric} that {@code stats()}
 * holds. Each meter reads {@code consumer.stats()} when the registry reads it (a scrape), on the
 * registry's thread: nothing is copied ahead of time. The registry holds the consumer weakly, as
 * Micrometer does for function-based meters.
 */
final class StatsMeters {
    private StatsMeters() {
    }

    /** Registers them (the backlog only when it is one gauge for the consumer) and returns them. */
    static List<Meter> register(LanesConsumer<?, ?> consumer, MeterRegistry registry, LanesMetricsConfig config) {
        List<Meter> meters = new ArrayList<>();
        for (LanesMetric metric : LanesMetric.values()) {
            if (!metric.inStats() || (metric == LanesMetric.BACKLOG && config.backlogPerPartition())) {
                continue;
            }
            if (metric.kind() == LanesMetric.Kind.COUNTER) {
                meters.add(FunctionCounter.builder(metric.metricName(), consumer, c -> c.stats().get(metric))
                        .tags(MeterNames.tags(metric, config.tags()))
                        .description(MeterNames.description(metric))
                        .baseUnit(MeterNames.baseUnit(metric))
                        .register(registry));
            } else {
                meters.add(Gauge.builder(metric.metricName(), consumer, c -> c.stats().get(metric))
                        .tags(MeterNames.tags(metric, config.tags()))
                        .description(MeterNames.description(metric))
                        .baseUnit(MeterNames.baseUnit(metric))
                        .register(registry));
            }
        }
        return meters;
    }
}
