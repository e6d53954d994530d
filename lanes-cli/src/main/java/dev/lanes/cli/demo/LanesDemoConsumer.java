package dev.lanes.cli.demo;

import dev.lanes.cli.KafkaClients;
import dev.lanes.LanesConsumer;
import dev.lanes.LanesOptions;
import dev.lanes.RecordHandler;
import dev.lanes.cli.NewGroupProperties;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A Lanes row of {@code lanes demo}: one {@link LanesConsumer} with the strategy's ordering and
 * {@code maxConcurrency}, every other option at its default, as a user would start it. Created,
 * started and closed by the command's thread; the engine runs the handler on its workers.
 */
final class LanesDemoConsumer implements DemoConsumers {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final LanesConsumer<String, byte[]> lanes;
    private final RecordHandler<String, byte[]> handler;

    LanesDemoConsumer(DemoStrategy strategy, KafkaClients clients, String topic, String group, DemoProbe probe) {
        this(strategy, clients, topic, group,
                record -> probe.handle(record.partition(), record.offset(), record.value()));
    }

    /** With a handler of its own: the slow-key run holds one key before the probe. */
    LanesDemoConsumer(DemoStrategy strategy, KafkaClients clients, String topic, String group,
                      RecordHandler<String, byte[]> handler) {
        this.handler = handler;
        this.lanes = LanesConsumer.create(LanesOptions.<String, byte[]>builder()
                .consumerProperties(NewGroupProperties.of(clients, group))
                .keyDeserializer(new StringDeserializer())
                .valueDeserializer(new ByteArrayDeserializer())
                .topics(topic)
                .ordering(strategy.ordering())
                .maxConcurrency(strategy.concurrency())
                .build());
    }

    @Override
    public void start() {
        lanes.start(handler);
    }

    /** Only a fatal stop of the engine; a handler here does not fail. */
    @Override
    public Throwable failure() {
        CompletableFuture<Void> termination = lanes.termination().toCompletableFuture();
        return termination.isCompletedExceptionally() ? termination.handle((ok, e) -> e).join() : null;
    }

    @Override
    public void close() {
        lanes.close(CLOSE_TIMEOUT);
    }
}
