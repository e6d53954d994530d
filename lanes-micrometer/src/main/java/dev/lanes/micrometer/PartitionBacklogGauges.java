package dev.lanes.micrometer;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesMetric;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code lanes.backlog} as one gauge per owned partition (tags {@code topic}, {@code partition}),
 * when {@link LanesMetricsConfig#backlogPerPartition()} asks for it. The partitions owned change
 * with rebalances: a daemon thread of its own follows them every
 * {@link LanesMetricsConfig#partitionRefresh()} (the only writer of the rows; a gauge of a
 * partition no longer owned is removed then). Each gauge reads {@code consumer.stats()} when the
 * registry reads it.
 */
final class PartitionBacklogGauges implements AutoCloseable {
    private final LanesConsumer<?, ?> consumer;
    private final MultiGauge gauges;
    private final ScheduledExecutorService refresher;

    PartitionBacklogGauges(LanesConsumer<?, ?> consumer, MeterRegistry registry, LanesMetricsConfig config) {
        this.consumer = consumer;
        LanesMetric metric = LanesMetric.BACKLOG;
        this.gauges = MultiGauge.builder(metric.metricName())
                .tags(config.tags())
                .description(metric.description())
                .register(registry);
        refresh();
        this.refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lanes-metrics-partitions");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.partitionRefresh().toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    /** One gauge per partition the consumer measured a backlog for; the others are removed. */
    void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (TopicPartition partition : consumer.stats().backlogByPartition().keySet()) {
            rows.add(MultiGauge.Row.of(Tags.of("topic", partition.topic(), "partition",
                    String.valueOf(partition.partition())), consumer,
                    c -> c.stats().backlogByPartition().getOrDefault(partition, 0L)));
        }
        gauges.register(rows, true);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        gauges.register(List.of(), true);
    }
}
