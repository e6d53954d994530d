package dev.lanes.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LanesException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** One listener's health from its consumer's termination and stats. */
class LanesHealthIndicatorTest {

    @Test
    void aRunningConsumerIsUpWithItsStats() {
        Health health = new ListenerHealthIndicator(FakeConsumers.terminating(new CompletableFuture<>(), 7)).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("endedRecords", 7L).containsEntry("assignedPartitions", 7);
    }

    @Test
    void aFatalErrorIsDownWithTheError() {
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(new LanesException("fenced for good"));
        Health health = new ListenerHealthIndicator(FakeConsumers.terminating(failed, 0)).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("fenced for good");
    }

    @Test
    void aClosedConsumerIsOutOfService() {
        CompletableFuture<Void> closed = CompletableFuture.completedFuture(null);
        assertThat(new ListenerHealthIndicator(FakeConsumers.terminating(closed, 0)).health().getStatus())
                .isEqualTo(Status.OUT_OF_SERVICE);
    }
}
