package dev.lanes;

import dev.lanes.internal.LanesEngine;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A Kafka consumer that runs a handler on many records at once while keeping the order chosen by
 * {@link Ordering}, and commits offsets so that nothing is lost.
 *
 * <pre>{@code
 * LanesOptions<String, String> options = LanesOptions.<String, String>builder()
 *         .consumerProperties(props)       // bootstrap.servers, group.id, deserializers ...
 *         .topics("orders")
 *         .ordering(Ordering.KEY)
 *         .maxConcurrency(500)
 *         .build();
 * try (LanesConsumer<String, String> lanes = LanesConsumer.create(options)) {
 *     lanes.start(record -> orders.save(record.value()));
 *     ...
 * }
 * }</pre>
 *
 * <p>All methods are thread-safe. One Lanes consumer is one member of its consumer group; scale
 * out by running more instances with the same {@code group.id}.
 */
public interface LanesConsumer<K, V> extends AutoCloseable {

    /** Creates a consumer; nothing connects to Kafka until {@code start}. */
    static <K, V> LanesConsumer<K, V> create(LanesOptions<K, V> options) {
        return LanesEngine.create(options);
    }

    /** Subscribes and starts handling records with a blocking handler. Call once. */
    void start(RecordHandler<K, V> handler);

    /** Subscribes and starts handling records with an asynchronous handler. Call once. */
    void startAsync(AsyncRecordHandler<K, V> handler);

    /**
     * Adds an observer told of every handler invocation and every record that ends, with their
     * timings, on the poller thread (see {@link RecordObserver}). Add it before {@code start} to see
     * every record; one added later is told from the next hand-off to a worker on.
     */
    void addObserver(RecordObserver observer);

    /** What this consumer has done so far; cheap enough to call every second. */
    LanesStats stats();

    /**
     * What this consumer is doing now (state, stuck records, hot keys, last commit); cheap enough
     * for a health endpoint every few seconds, from any thread, and never waits for the poller.
     */
    LanesHealth health();

    /**
     * Completes normally once the consumer has closed, or exceptionally with a
     * {@link LanesException} if a fatal error stopped it (for a health check to watch).
     */
    CompletionStage<Void> termination();

    /**
     * Stops taking new records, waits up to {@code timeout} for the handler invocations in flight,
     * commits what ended and leaves the group. Safe to call twice, from any thread but a handler.
     */
    void close(Duration timeout);

    /** {@link #close(Duration)} with {@link LanesOptions#closeTimeout()}. */
    @Override
    void close();
}
