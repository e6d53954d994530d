package dev.lanes.spring;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesStats;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * One listener's health: DOWN with the error once a fatal error stopped its consumer
 * ({@code termination()} completed exceptionally), OUT_OF_SERVICE once it closed, else UP; with the
 * figures of {@code stats()} as details.
 */
final class ListenerHealthIndicator implements HealthIndicator {
    private final LanesConsumer<?, ?> consumer;

    ListenerHealthIndicator(LanesConsumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    @Override
    public Health health() {
        CompletableFuture<Void> termination = consumer.termination().toCompletableFuture();
        Health.Builder health;
        if (termination.isCompletedExceptionally()) {
            health = Health.down(failure(termination));
        } else if (termination.isDone()) {
            health = Health.outOfService();
        } else {
            health = Health.up();
        }
        LanesStats stats = consumer.stats();
        return health.withDetail("assignedPartitions", stats.assignedPartitions())
                .withDetail("bufferedRecords", stats.bufferedRecords())
                .withDetail("runningBatches", stats.runningBatches())
                .withDetail("endedRecords", stats.endedRecords())
                .withDetail("failedAttempts", stats.failedAttempts())
                .withDetail("skippedRecords", stats.skippedRecords())
                .withDetail("deadLetteredRecords", stats.deadLetteredRecords())
                .withDetail("commitFailures", stats.commitFailures())
                .build();
    }

    private static Throwable failure(CompletableFuture<Void> termination) {
        try {
            termination.get();
            throw new IllegalStateException("completed normally");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
