package dev.lanes.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LanesMetric;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Every counter and gauge {@link LanesMetric} reads its own EngineStats field, and no field is kept
 * without a metric (the timers are not kept here).
 */
class EngineStatsTest {

    @Test
    void everyMetricReadsItsOwnFieldAndEveryFieldIsAMetric() throws IllegalAccessException {
        EngineStats stats = new EngineStats();
        List<Long> fieldValues = new ArrayList<>();
        for (Field field : EngineStats.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            long value = fieldValues.size() + 1; // distinct, so that a metric reading the wrong field shows
            field.setAccessible(true); // the gauges are private, written through publishGauges
            if (field.getType() == LongAdder.class) {
                ((LongAdder) field.get(stats)).add(value);
            } else if (field.getName().equals("backlog")) {
                stats.publishBacklog(Map.of(), value); // the total with its partitions, written together
            } else if (field.getType() == long.class) {
                field.setLong(stats, value);
            } else {
                assertThat(field.getType()).as("type of EngineStats.%s", field.getName()).isEqualTo(int.class);
                field.setInt(stats, (int) value);
            }
            fieldValues.add(value);
        }
        List<Long> metricValues = Arrays.stream(LanesMetric.values()).filter(LanesMetric::inStats)
                .map(stats::read).toList();

        assertThat(metricValues).as("values read per metric").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(fieldValues);
    }
}
