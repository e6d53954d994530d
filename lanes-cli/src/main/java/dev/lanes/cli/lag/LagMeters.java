package dev.lanes.cli.lag;

import dev.lanes.GroupBacklog;
import dev.lanes.PartitionBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backlog as Micrometer gauges in a Prometheus registry, rendered as Prometheus text. Tags are
 * bounded by the group's partitions: {@code group} on the totals, {@code group}, {@code topic} and
 * {@code partition} on the per-partition gauges. A partition that disappears has its gauges
 * removed. {@link #update} and {@link #scrape} may be called from different threads.
 *
 * <p>Prometheus names: {@code lanes_lag_group_backlog_records}, {@code lanes_lag_group_kafka_lag_records},
 * {@code lanes_lag_backlog_records}, {@code lanes_lag_kafka_lag_records},
 * {@code lanes_lag_ended_above_committed_records}.
 */
final class LagMeters {

    static final String GROUP_BACKLOG = "lanes.lag.group.backlog";
    static final String GROUP_KAFKA_LAG = "lanes.lag.group.kafka.lag";
    static final String BACKLOG = "lanes.lag.backlog";
    static final String KAFKA_LAG = "lanes.lag.kafka.lag";
    static final String ENDED_ABOVE_COMMITTED = "lanes.lag.ended.above.committed";
    private static final String RECORDS = "records";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Each gauge's value (the registry holds gauges' objects weakly), by name + partition key. */
    private final Map<String, AtomicLong> values = new HashMap<>();
    private final Map<String, List<Meter>> partitionMeters = new HashMap<>();
    private String group;

    /** Sets every gauge to this backlog's numbers. */
    synchronized void update(GroupBacklog backlog) {
        if (group == null) {
            group = backlog.group();
            gauge(GROUP_BACKLOG, "The records of the group still to end: Kafka's lag less the offsets"
                    + " above the committed one that the commit's metadata names as ended", Tags.of("group", group));
            gauge(GROUP_KAFKA_LAG, "Kafka's lag of the group: end offsets less committed offsets",
                    Tags.of("group", group));
        }
        values.get(GROUP_BACKLOG).set(backlog.totalBacklog());
        values.get(GROUP_KAFKA_LAG).set(backlog.totalKafkaLag());
        Set<String> seen = new HashSet<>();
        for (PartitionBacklog p : backlog.partitions()) {
            String key = p.topic() + "\u0000" + p.partition();
            seen.add(key);
            if (!partitionMeters.containsKey(key)) {
                Tags tags = Tags.of("group", group, "topic", p.topic(), "partition", String.valueOf(p.partition()));
                partitionMeters.put(key, List.of(
                        gauge(BACKLOG, "The partition's records still to end", tags, key),
                        gauge(KAFKA_LAG, "Kafka's lag of the partition", tags, key),
                        gauge(ENDED_ABOVE_COMMITTED, "Offsets above the committed one named as ended"
                                + " in the commit's metadata", tags, key)));
            }
            values.get(BACKLOG + key).set(p.backlog());
            values.get(KAFKA_LAG + key).set(p.kafkaLag());
            values.get(ENDED_ABOVE_COMMITTED + key).set(p.endedAboveCommitted());
        }
        for (String gone : new ArrayList<>(partitionMeters.keySet())) {
            if (!seen.contains(gone)) {
                partitionMeters.remove(gone).forEach(registry::remove);
                for (String name : List.of(BACKLOG, KAFKA_LAG, ENDED_ABOVE_COMMITTED)) {
                    values.remove(name + gone);
                }
            }
        }
    }

    /** Every gauge, in the Prometheus text format (version 0.0.4). */
    String scrape() {
        return registry.scrape();
    }

    private Meter gauge(String name, String description, Tags tags) {
        return gauge(name, description, tags, "");
    }

    private Meter gauge(String name, String description, Tags tags, String key) {
        AtomicLong value = new AtomicLong();
        values.put(name + key, value);
        return Gauge.builder(name, value, AtomicLong::doubleValue).description(description).baseUnit(RECORDS)
                .tags(tags).register(registry);
    }
}
