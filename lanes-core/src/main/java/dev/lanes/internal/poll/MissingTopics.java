package dev.lanes.internal.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says so when a consumer subscribed to topics that do not exist, instead of idling silently: while
 * nothing is assigned, it looks the topics up once a minute (the first time after
 * {@link #FIRST_LOOK_NANOS}) and warns about the missing ones. It does not stop the consumer: as
 * with a plain {@code KafkaConsumer}, records come once the topic is created, so a consumer may
 * start before its producer.
 *
 * <p>Confined to the poller thread; time comes in as an argument. The look-up blocks up to
 * {@link #LOOK_UP_TIMEOUT}, only while nothing is assigned, so no record waits for it.
 */
final class MissingTopics {
    private static final Logger log = LoggerFactory.getLogger(MissingTopics.class);
    static final long FIRST_LOOK_NANOS = TimeUnit.SECONDS.toNanos(15);
    static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Duration LOOK_UP_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<?, ?> consumer;
    private final List<String> topics;
    private long nextLookNanos;

    /** @param topics the topics subscribed to; empty for a pattern subscription (nothing to check) */
    MissingTopics(Consumer<?, ?> consumer, List<String> topics, long nowNanos) {
        this.consumer = consumer;
        this.topics = topics;
        this.nextLookNanos = nowNanos + FIRST_LOOK_NANOS;
    }

    /**
     * Poller thread, each turn: looks, if due, and the instance owns nothing.
     *
     * @return the topics found missing by this look; empty when it did not look or all exist
     */
    List<String> check(boolean nothingAssigned, long nowNanos) {
        if (topics.isEmpty() || !nothingAssigned || nowNanos - nextLookNanos < 0) {
            return List.of();
        }
        nextLookNanos = nowNanos + INTERVAL_NANOS;
        Map<String, List<PartitionInfo>> existing;
        try {
            existing = consumer.listTopics(LOOK_UP_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("Nothing assigned yet, and the topics {} could not be looked up: {}", topics, e.toString());
            return List.of();
        }
        List<String> missing = new ArrayList<>();
        for (String topic : topics) {
            if (!existing.containsKey(topic)) {
                missing.add(topic);
            }
        }
        if (!missing.isEmpty()) {
            log.warn("Subscribed to {}, but no such topic exists: nothing is assigned, and records come once it "
                    + "is created (checked again in a minute)", missing);
        }
        return missing;
    }
}
