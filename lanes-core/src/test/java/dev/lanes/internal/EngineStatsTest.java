package dev.lanes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LanesMetric;
import dev.lanes.LanesOptions;
import dev.lanes.LanesStats;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

/** Every {@link LanesMetric} reads its own EngineStats field, and no field is kept without a metric. */
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
            if (field.getType() == LongAdder.class) {
                ((LongAdder) field.get(stats)).add(value);
            } else {
                assertThat(field.getType()).as("type of EngineStats.%s", field.getName()).isEqualTo(int.class);
                field.setInt(stats, (int) value);
            }
            fieldValues.add(value);
        }
        List<Long> metricValues = Arrays.stream(LanesMetric.values()).map(stats::read).toList();

        assertThat(metricValues).as("values read per metric").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(fieldValues);
    }

    @Test
    void theEnginesStatsShowTheCountersKeptButHiddenBefore() {
        LanesEngine<String, String> engine = new LanesEngine<>(LanesOptions.<String, String>builder()
                .consumerProperties(Map.of("bootstrap.servers", "127.0.0.1:1", "group.id", "g",
                        "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                        "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"))
                .topics("t")
                .build(), props -> new MockConsumer<>("earliest"));
        engine.engineStats().revocations.add(3);
        engine.engineStats().peakBufferedRecords = 7;
        engine.engineStats().abandonedOnRevoke.add(2);
        engine.engineStats().ended.add(5);

        LanesStats stats = engine.stats();

        assertThat(stats.get(LanesMetric.REVOCATIONS)).isEqualTo(3);
        assertThat(stats.get(LanesMetric.PEAK_BUFFERED_RECORDS)).isEqualTo(7);
        assertThat(stats.get(LanesMetric.ABANDONED_RECORDS)).isEqualTo(2);
        assertThat(stats.endedRecords()).isEqualTo(5);
    }
}
