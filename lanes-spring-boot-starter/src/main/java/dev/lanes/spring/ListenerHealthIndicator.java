package dev.lanes.spring;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesHealth;
import dev.lanes.LanesStats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * One listener's health, from {@link LanesConsumer#health()}: DOWN with the error once a fatal error
 * stopped its consumer ({@code FAILED}), OUT_OF_SERVICE once it closed, else UP; the state, the
 * records stuck in flight, the last commit, the hot keys and the main figures of {@code stats()} as
 * details. {@code STALLED} (records held and none ended for {@code healthStalledAfter}) stays UP, with
 * the state in the details: it is as often a slow downstream as a stuck consumer, and a restart
 * would not cure the first; alert on {@code state} to catch it.
 */
final class ListenerHealthIndicator implements HealthIndicator {
    private final LanesConsumer<?, ?> consumer;

    ListenerHealthIndicator(LanesConsumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    @Override
    public Health health() {
        LanesHealth now = consumer.health();
        Health.Builder health = new Health.Builder(status(now.state()));
        if (now.state() == LanesHealth.State.FAILED) {
            health.withException(failure(consumer.termination().toCompletableFuture()));
        }
        health.withDetail("state", now.state().name())
                .withDetail("heldRecords", now.heldRecords())
                .withDetail("stuckCount", now.stuckCount());
        if (!now.stuck().isEmpty()) {
            health.withDetail("stuck", now.stuck().stream().map(ListenerHealthIndicator::inFlight).toList());
        }
        now.oldestInFlight().ifPresent(oldest -> health.withDetail("oldestInFlight", inFlight(oldest)));
        now.lastCommit().ifPresent(commit -> health.withDetail("lastCommit", commit.toString()));
        hotKeys(health, "mostQueuedKeys", now.mostQueuedKeys());
        hotKeys(health, "longestWaitingKeys", now.longestWaitingKeys());
        LanesStats stats = consumer.stats();
        return health.withDetail("rebalances", now.rebalances())
                .withDetail("assignedPartitions", stats.assignedPartitions())
                .withDetail("endedRecords", stats.endedRecords())
                .withDetail("failedAttempts", stats.failedAttempts())
                .withDetail("skippedRecords", stats.skippedRecords())
                .withDetail("deadLetteredRecords", stats.deadLetteredRecords())
                .withDetail("commitFailures", stats.commitFailures())
                .withDetail("sampledAt", now.sampledAt().toString())
                .build();
    }

    static Status status(LanesHealth.State state) {
        return switch (state) {
            case FAILED -> Status.DOWN;
            case CLOSED -> Status.OUT_OF_SERVICE;
            default -> Status.UP;
        };
    }

    private static Map<String, Object> inFlight(LanesHealth.InFlightRecord record) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("record", record.topic() + "-" + record.partition() + "@" + record.offset());
        map.put("key", record.key());
        map.put("age", readable(record.age()));
        map.put("attempt", record.attempt());
        return map;
    }

    private static void hotKeys(Health.Builder health, String name, List<LanesHealth.HotKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        health.withDetail(name, keys.stream().map(key -> {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("lane", key.topic() + "-" + key.partition());
            map.put("key", key.key());
            map.put("queued", key.queued());
            map.put("inFlight", key.inFlight());
            map.put("oldestQueuedWait", readable(key.oldestQueuedWait()));
            return map;
        }).toList());
    }

    /** A duration as people read it in JSON: {@code 1.5s}, {@code 250ms}. */
    private static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private static Throwable failure(CompletableFuture<?> termination) {
        try {
            termination.getNow(null);
            return new IllegalStateException("the consumer failed, and its termination holds no error yet");
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause() != null ? e.getCause() : e;
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        }
    }
}
