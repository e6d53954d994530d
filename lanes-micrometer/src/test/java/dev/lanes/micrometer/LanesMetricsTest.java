package dev.lanes.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.RecordObserver;
import dev.lanes.LanesMetric;
import dev.lanes.RecordOutcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The binding against a {@link SimpleMeterRegistry}: a meter per listed metric, each moving with what it reads. */
class LanesMetricsTest {
    private final FakeConsumer consumer = new FakeConsumer();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Tags common = Tags.of("group", "g");

    private Meter meterOf(LanesMetric metric) {
        return registry.get(metric.metricName()).tags(MeterNames.tags(metric, common)).meter();
    }

    private static double valueOf(Meter meter) {
        if (meter instanceof FunctionCounter counter) {
            return counter.count();
        }
        if (meter instanceof Gauge gauge) {
            return gauge.value();
        }
        return ((Timer) meter).count();
    }

    @Test
    void registersOneMeterPerListedMetricAndEachMoves() {
        LanesMetrics metrics = LanesMetrics.bind(consumer, registry,
                LanesMetricsConfig.builder().tag("group", "g").build());
        assertThat(consumer.listeners).hasSize(1);
        RecordObserver listener = consumer.listeners.get(0);

        assertThat(metrics.meters()).hasSize(LanesMetric.values().length);
        for (LanesMetric metric : LanesMetric.values()) {
            Meter meter = meterOf(metric);
            assertThat(meter.getId().getDescription()).as("%s", metric).contains(metric.description());
            double before = valueOf(meter);
            if (metric.inStats()) {
                consumer.values[metric.ordinal()] += 3;
            } else {
                long now = System.currentTimeMillis();
                listener.attemptEnded(FakeConsumer.record(now - 5), 1_000, null);
                listener.recordEnded(FakeConsumer.record(now - 5), RecordOutcome.OK, 2_000, now);
            }
            assertThat(valueOf(meter)).as("%s moves", metric).isGreaterThan(before);
        }
        assertThat(registry.get("lanes.records.ended").tag("outcome", "dead-letter").functionCounter().count())
                .as("each outcome its own series").isEqualTo(3);
        assertThat(registry.get("lanes.records.buffered.bytes").gauge().getId().getBaseUnit()).isEqualTo("bytes");
        assertThat(registry.get("lanes.records.ended").tag("outcome", "ok").functionCounter().getId().getDescription())
                .as("one text for the three outcomes").isEqualTo("Records that ended, by tag: outcome=ok: "
                        + LanesMetric.ENDED_RECORDS.description() + " outcome=dead-letter: "
                        + LanesMetric.DEAD_LETTERED_RECORDS.description() + " outcome=skipped: "
                        + LanesMetric.SKIPPED_RECORDS.description());
    }

    @Test
    void timersRecordWhatTheyAreToldAndSkipWhatWasNotMeasured() {
        LanesMetrics.bind(consumer, registry);
        RecordObserver listener = consumer.listeners.get(0);
        long now = System.currentTimeMillis();

        listener.attemptEnded(FakeConsumer.record(now), TimeUnit.MILLISECONDS.toNanos(30), new IllegalStateException());
        listener.recordEnded(FakeConsumer.record(now - 250), RecordOutcome.SKIPPED, -1, now);
        listener.recordEnded(FakeConsumer.record(-1), RecordOutcome.OK, 5_000_000, now);

        Timer handler = registry.get("lanes.handler.duration").timer();
        assertThat(handler.count()).isEqualTo(1);
        assertThat(handler.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(30);
        Timer queued = registry.get("lanes.records.queued.duration").timer();
        assertThat(queued.count()).as("-1: not measured").isEqualTo(1);
        assertThat(queued.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5);
        Timer latency = registry.get("lanes.records.latency").timer();
        assertThat(latency.count()).as("a record without a timestamp").isEqualTo(1);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
    }

    @Test
    void percentilesAreConfigurable() {
        LanesMetrics.bind(consumer, registry, LanesMetricsConfig.builder().percentiles(0.5, 0.99).build());
        consumer.listeners.get(0).attemptEnded(FakeConsumer.record(0), 1_000_000, null);

        ValueAtPercentile[] published = registry.get("lanes.handler.duration").timer().takeSnapshot()
                .percentileValues();
        assertThat(Arrays.stream(published).map(ValueAtPercentile::percentile)).containsExactly(0.5, 0.99);
    }

    @Test
    void theBacklogIsOneGaugeByDefaultAndOnePerPartitionWhenAskedFor() {
        TopicPartition p0 = new TopicPartition("t", 0);
        TopicPartition p1 = new TopicPartition("t", 1);
        consumer.backlog = Map.of(p0, 4L, p1, 6L);
        consumer.values[LanesMetric.BACKLOG.ordinal()] = 10;
        SimpleMeterRegistry perPartition = new SimpleMeterRegistry();

        LanesMetrics.bind(consumer, registry);
        LanesMetrics partitions = LanesMetrics.bind(consumer, perPartition, LanesMetricsConfig.builder()
                .backlogPerPartition(true).partitionRefresh(Duration.ofHours(1)).build());

        assertThat(registry.get("lanes.backlog").gauges()).hasSize(1);
        assertThat(registry.get("lanes.backlog").gauge().value()).isEqualTo(10);
        assertThat(perPartition.get("lanes.backlog").gauges()).hasSize(2);
        assertThat(perPartition.get("lanes.backlog").tag("partition", "1").gauge().value()).isEqualTo(6);

        consumer.backlog = Map.of(p1, 2L); // partition 0 was revoked
        partitions.partitionsForTests().refresh();
        assertThat(perPartition.get("lanes.backlog").gauges()).hasSize(1);
        assertThat(perPartition.get("lanes.backlog").tag("partition", "1").gauge().value()).isEqualTo(2);
        partitions.close();
    }

    @Test
    void closeRemovesTheMeters() {
        LanesMetrics metrics = LanesMetrics.bind(consumer, registry);

        metrics.close();

        assertThat(registry.getMeters()).isEmpty();
    }
}
