package dev.lanes.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Every meter the binding registers is named in docs/METRICS.md (rendered from {@code LanesMetric}
 * by lanes-core's MetricsDocumentedTest): its name, and its fixed tags on the same row. A meter
 * registered outside the list, or a stale page, fails here.
 */
class MetersDocumentedTest {
    /** Tags that are not the metric's own: the user's common ones, and the per-partition ones. */
    private static final Set<String> NOT_DOCUMENTED_PER_ROW = Set.of("group", "topic", "partition");

    @Test
    void everyMeterTheBindingRegistersIsInTheMetricReference() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("..", "docs", "METRICS.md")).stream()
                .filter(line -> line.startsWith("| `lanes.")).toList();
        FakeConsumer consumer = new FakeConsumer();
        consumer.backlog = Map.of(new TopicPartition("t", 0), 1L);
        for (LanesMetricsConfig config : List.of(LanesMetricsConfig.builder().tag("group", "g").build(),
                LanesMetricsConfig.builder().backlogPerPartition(true).partitionRefresh(Duration.ofHours(1)).build())) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (LanesMetrics ignored = LanesMetrics.bind(consumer, registry, config)) {
                assertThat(registry.getMeters()).isNotEmpty();
                for (Meter meter : registry.getMeters()) {
                    assertThat(rows).as("a row of docs/METRICS.md for %s", meter.getId())
                            .anyMatch(row -> documents(row, meter.getId()));
                }
            }
        }
    }

    private static boolean documents(String row, Meter.Id id) {
        if (!row.startsWith("| `" + id.getName() + "` |")) {
            return false;
        }
        for (Tag tag : id.getTagsAsIterable()) {
            boolean own = !NOT_DOCUMENTED_PER_ROW.contains(tag.getKey());
            if (own && !row.contains("`" + tag.getKey() + "=" + tag.getValue() + "`")) {
                return false;
            }
        }
        return true;
    }
}
