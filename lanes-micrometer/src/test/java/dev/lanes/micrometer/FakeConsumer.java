package dev.lanes.micrometer;

import dev.lanes.AsyncRecordHandler;
import dev.lanes.LanesConsumer;
import dev.lanes.LanesHealth;
import dev.lanes.RecordObserver;
import dev.lanes.LanesMetric;
import dev.lanes.LanesRecord;
import dev.lanes.LanesStats;
import dev.lanes.RecordHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** A consumer whose stats the test sets, and whose listeners the test calls: the binding seen alone. */
final class FakeConsumer implements LanesConsumer<String, String> {
    final long[] values = new long[LanesMetric.values().length];
    volatile Map<TopicPartition, Long> backlog = Map.of();
    final List<RecordObserver> listeners = new ArrayList<>();

    @Override
    public void start(RecordHandler<String, String> handler) {
    }

    @Override
    public void startAsync(AsyncRecordHandler<String, String> handler) {
    }

    @Override
    public void addObserver(RecordObserver listener) {
        listeners.add(listener);
    }

    @Override
    public LanesStats stats() {
        return LanesStats.of(metric -> values[metric.ordinal()], backlog);
    }

    @Override
    public LanesHealth health() {
        return new LanesHealth(LanesHealth.State.RUNNING, java.time.Instant.EPOCH, 0, Optional.empty(), 0, List.of(),
                Optional.empty(), List.of(), List.of(), 0, true);
    }

    @Override
    public CompletionStage<Void> termination() {
        return new CompletableFuture<>();
    }

    @Override
    public void close(Duration timeout) {
    }

    @Override
    public void close() {
    }

    /** A record with this timestamp, as the listeners see it. */
    static LanesRecord<String, String> record(long timestamp) {
        return new AttemptAt(new ConsumerRecord<>("t", 0, 7, timestamp, TimestampType.CREATE_TIME, 1, 1, "k", "v",
                new RecordHeaders(), Optional.empty()), 1);
    }

    private record AttemptAt(ConsumerRecord<String, String> consumerRecord, int attempt)
            implements LanesRecord<String, String> {
    }
}
