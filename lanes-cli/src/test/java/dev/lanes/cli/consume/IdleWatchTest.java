package dev.lanes.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LanesMetric;
import dev.lanes.LanesStats;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --exit-when-idle}: when it may fire, with stats and time given by the test. */
class IdleWatchTest {

    private static final long SECOND = 1_000_000_000L;
    private final IdleWatch watch = new IdleWatch(3 * SECOND);
    private final Map<LanesMetric, Long> values = new EnumMap<>(LanesMetric.class);

    @Test
    void neverFiresBeforeTheFirstAssignment() {
        for (long t = 0; t <= 60; t++) {
            assertThat(watch.idleFor(stats(), t * SECOND)).as("at %d s", t).isFalse();
        }
    }

    @Test
    void firesAfterTheIdleTimeWithPartitionsAndNothingToDo() {
        set(LanesMetric.ASSIGNED_PARTITIONS, 3);
        set(LanesMetric.POLLED_RECORDS, 100);
        assertThat(watch.idleFor(stats(), 0)).isFalse();
        assertThat(watch.idleFor(stats(), 2 * SECOND)).isFalse();
        assertThat(watch.idleFor(stats(), 3 * SECOND)).isTrue();
    }

    @Test
    void recordsInFlightOrNewlyPolledAreNotIdle() {
        set(LanesMetric.ASSIGNED_PARTITIONS, 3);
        watch.idleFor(stats(), 0);
        set(LanesMetric.RUNNING_BATCHES, 1);
        set(LanesMetric.BUFFERED_RECORDS, 1);
        assertThat(watch.idleFor(stats(), 5 * SECOND)).isFalse();
        set(LanesMetric.RUNNING_BATCHES, 0);
        set(LanesMetric.BUFFERED_RECORDS, 0);
        set(LanesMetric.POLLED_RECORDS, 1);
        assertThat(watch.idleFor(stats(), 6 * SECOND)).isFalse();
        assertThat(watch.idleFor(stats(), 8 * SECOND)).isFalse();
        assertThat(watch.idleFor(stats(), 9 * SECOND)).isTrue();
    }

    /** A survivor whose partitions were revoked waits for the group (a crashed member's session). */
    @Test
    void doesNotFireWhileRebalancingWithoutPartitions() {
        set(LanesMetric.ASSIGNED_PARTITIONS, 3);
        watch.idleFor(stats(), 0);
        set(LanesMetric.ASSIGNED_PARTITIONS, 0);
        set(LanesMetric.REVOCATIONS, 1);
        for (long t = 1; t <= 60; t++) {
            assertThat(watch.idleFor(stats(), t * SECOND)).as("at %d s", t).isFalse();
        }
        set(LanesMetric.ASSIGNED_PARTITIONS, 2);
        assertThat(watch.idleFor(stats(), 61 * SECOND)).as("a new assignment starts afresh").isFalse();
        assertThat(watch.idleFor(stats(), 63 * SECOND)).isFalse();
        assertThat(watch.idleFor(stats(), 64 * SECOND)).isTrue();
    }

    @Test
    void aRevocationThatKeepsSomePartitionsStartsAfresh() {
        set(LanesMetric.ASSIGNED_PARTITIONS, 3);
        watch.idleFor(stats(), 0);
        assertThat(watch.idleFor(stats(), 2 * SECOND)).isFalse();
        set(LanesMetric.REVOCATIONS, 1);
        assertThat(watch.idleFor(stats(), 2 * SECOND + 1)).isFalse();
        assertThat(watch.idleFor(stats(), 4 * SECOND)).isFalse();
        assertThat(watch.idleFor(stats(), 5 * SECOND + 1)).isTrue();
    }

    private void set(LanesMetric metric, long value) {
        values.put(metric, value);
    }

    private LanesStats stats() {
        return LanesStats.of(metric -> values.getOrDefault(metric, 0L));
    }
}
