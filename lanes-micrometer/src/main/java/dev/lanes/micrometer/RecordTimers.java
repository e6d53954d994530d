package dev.lanes.micrometer;

import dev.lanes.RecordObserver;
import dev.lanes.LanesMetric;
import dev.lanes.LanesRecord;
import dev.lanes.RecordOutcome;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The timers of a consumer ({@link LanesMetric.Kind#TIMER}), fed by the consumer as a
 * {@link RecordObserver}: on its poller thread, one call per handler invocation and one per record
 * ended. Holds only the timers, which Micrometer makes safe to record from any thread.
 */
final class RecordTimers implements RecordObserver {
    private final Timer handlerDuration;
    private final Timer queuedDuration;
    private final Timer latency;

    RecordTimers(MeterRegistry registry, LanesMetricsConfig config) {
        this.handlerDuration = timer(LanesMetric.HANDLER_DURATION, registry, config);
        this.queuedDuration = timer(LanesMetric.QUEUED_DURATION, registry, config);
        this.latency = timer(LanesMetric.RECORD_LATENCY, registry, config);
    }

    private static Timer timer(LanesMetric metric, MeterRegistry registry, LanesMetricsConfig config) {
        return Timer.builder(metric.metricName())
                .tags(MeterNames.tags(metric, config.tags()))
                .description(metric.description())
                .publishPercentiles(config.percentiles())
                .publishPercentileHistogram(config.percentileHistogram())
                .register(registry);
    }

    List<Meter> meters() {
        return List.of(handlerDuration, queuedDuration, latency);
    }

    @Override
    public void attemptEnded(LanesRecord<?, ?> record, long handlerNanos, Throwable failure) {
        handlerDuration.record(handlerNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void recordEnded(LanesRecord<?, ?> record, RecordOutcome outcome, long queuedNanos,
                            long endedAtEpochMillis) {
        if (queuedNanos >= 0) {
            queuedDuration.record(queuedNanos, TimeUnit.NANOSECONDS);
        }
        long timestamp = record.timestamp();
        if (timestamp >= 0) {
            // A producer's clock may run ahead of this one: such a record counts as ended at once.
            latency.record(Math.max(0, endedAtEpochMillis - timestamp), TimeUnit.MILLISECONDS);
        }
    }
}
