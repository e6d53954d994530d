package dev.lanes.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesException;
import dev.lanes.LanesHealth;
import dev.lanes.LanesHealth.State;
import dev.lanes.LanesStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** One listener's health from its consumer's {@code health()}, {@code termination()} and {@code stats()}. */
class LanesHealthIndicatorTest {
    private static final LanesHealth.InFlightRecord STUCK = new LanesHealth.InFlightRecord("orders", 3, 1234L,
            "customer-7", Duration.ofMillis(95_500), 4);

    private static LanesHealth health(State state) {
        return new LanesHealth(state, Instant.parse("2026-12-02T08:00:00Z"), 12, Optional.of(STUCK), 1,
                List.of(STUCK), Optional.of(Instant.parse("2026-12-02T07:59:59Z")),
                List.of(new LanesHealth.HotKey("orders", 3, "customer-7", 9, 1, Duration.ofMillis(250))), List.of(),
                2, true);
    }

    private static Health indicate(State state, CompletableFuture<Void> termination) {
        LanesConsumer<?, ?> consumer = FakeConsumers.answering(Map.of("health", health(state),
                "termination", termination, "stats", LanesStats.of(metric -> 7)));
        return new ListenerHealthIndicator(consumer).health();
    }

    @Test
    void aRunningConsumerIsUpWithItsStuckRecordsHotKeysAndStats() {
        Health health = indicate(State.RUNNING, new CompletableFuture<>());
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "RUNNING").containsEntry("stuckCount", 1)
                .containsEntry("heldRecords", 12).containsEntry("endedRecords", 7L)
                .containsEntry("lastCommit", "2026-12-02T07:59:59Z")
                .containsEntry("stuck", List.of(Map.of("record", "orders-3@1234", "key", "customer-7",
                        "age", "95.5s", "attempt", 4)))
                .containsEntry("mostQueuedKeys", List.of(Map.of("lane", "orders-3", "key", "customer-7",
                        "queued", 9, "inFlight", 1, "oldestQueuedWait", "250ms")));
    }

    @Test
    void aFatalErrorIsDownWithTheError() {
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(new LanesException("fenced for good"));
        Health health = indicate(State.FAILED, failed);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("fenced for good");
    }

    @Test
    void aClosedConsumerIsOutOfService() {
        assertThat(indicate(State.CLOSED, CompletableFuture.completedFuture(null)).getStatus())
                .isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void aStalledConsumerStaysUpAndSaysSo() {
        Health health = indicate(State.STALLED, new CompletableFuture<>());
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "STALLED");
    }
}
