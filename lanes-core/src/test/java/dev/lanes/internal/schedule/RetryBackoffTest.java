package dev.lanes.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    private static final long MS = 1_000_000;

    @Test
    void doublesFromTheInitialBackoffUpToTheMaximum() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0);
        assertThat(backoff.delayNanos(1, 0.5)).isEqualTo(100 * MS);
        assertThat(backoff.delayNanos(2, 0.5)).isEqualTo(200 * MS);
        assertThat(backoff.delayNanos(4, 0.5)).isEqualTo(800 * MS);
        assertThat(backoff.delayNanos(5, 0.5)).isEqualTo(1000 * MS);
        assertThat(backoff.delayNanos(1000, 0.5)).isEqualTo(1000 * MS);
    }

    @Test
    void jitterSpreadsEachDelayWithinItsFraction() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(10), 0.2);
        assertThat(backoff.delayNanos(1, 0.0)).isEqualTo(80 * MS);
        assertThat(backoff.delayNanos(1, 0.5)).isEqualTo(100 * MS);
        assertThat(backoff.delayNanos(1, 0.999999)).isBetween(119 * MS, 120 * MS);
    }

    @Test
    void jitterNeverPassesTheMaximum() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(150), 1.0);
        assertThat(backoff.delayNanos(10, 0.999)).isLessThanOrEqualTo(150 * MS);
    }
}
