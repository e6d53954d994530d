package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

import org.junit.jupiter.api.Test;

class LanesStatsTest {
    /** Each metric's value is its ordinal + 1, so that a mixed-up accessor shows. */
    private final LanesStats stats = LanesStats.of(metric -> metric.ordinal() + 1);

    private static final LanesMetric[] IN_STATS = Arrays.stream(LanesMetric.values()).filter(LanesMetric::inStats)
            .toArray(LanesMetric[]::new);

    @Test
    void holdsEveryCounterAndGaugeInDeclarationOrder() {
        for (LanesMetric metric : IN_STATS) {
            assertThat(stats.get(metric)).as("%s", metric).isEqualTo(metric.ordinal() + 1);
        }
        assertThat(stats.asMap()).containsOnlyKeys(IN_STATS);
        assertThat(stats.asMap().keySet()).containsExactly(IN_STATS);
        assertThat(stats.asMap()).containsEntry(LanesMetric.REVOCATIONS, stats.get(LanesMetric.REVOCATIONS));
    }

    @Test
    void holdsNoTimer() {
        assertThat(LanesMetric.HANDLER_DURATION.inStats()).isFalse();
        assertThatThrownBy(() -> stats.get(LanesMetric.HANDLER_DURATION)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lanes.handler.duration is a timer");
    }

    @Test
    void holdsTheBacklogOfEachPartition() {
        TopicPartition partition = new TopicPartition("t", 3);
        LanesStats withBacklog = LanesStats.of(metric -> 0, Map.of(partition, 42L));

        assertThat(withBacklog.backlogByPartition()).containsExactly(Map.entry(partition, 42L));
        assertThat(withBacklog).isNotEqualTo(LanesStats.of(metric -> 0));
        assertThat(stats.backlogByPartition()).isEmpty();
    }

    @Test
    void theNamedAccessorsReadTheirMetric() {
        assertThat(stats.polledRecords()).isEqualTo(stats.get(LanesMetric.POLLED_RECORDS));
        assertThat(stats.endedRecords()).isEqualTo(stats.get(LanesMetric.ENDED_RECORDS));
        assertThat(stats.failedAttempts()).isEqualTo(stats.get(LanesMetric.FAILED_ATTEMPTS));
        assertThat(stats.skippedRecords()).isEqualTo(stats.get(LanesMetric.SKIPPED_RECORDS));
        assertThat(stats.commits()).isEqualTo(stats.get(LanesMetric.COMMITS));
        assertThat(stats.commitFailures()).isEqualTo(stats.get(LanesMetric.COMMIT_FAILURES));
        assertThat(stats.metadataOverflows()).isEqualTo(stats.get(LanesMetric.METADATA_OVERFLOWS));
        assertThat(stats.offsetResets()).isEqualTo(stats.get(LanesMetric.OFFSET_RESETS));
        assertThat((long) stats.bufferedRecords()).isEqualTo(stats.get(LanesMetric.BUFFERED_RECORDS));
        assertThat((long) stats.runningBatches()).isEqualTo(stats.get(LanesMetric.RUNNING_BATCHES));
        assertThat((long) stats.assignedPartitions()).isEqualTo(stats.get(LanesMetric.ASSIGNED_PARTITIONS));
        assertThat((long) stats.inFlightRecords()).isEqualTo(stats.get(LanesMetric.IN_FLIGHT_RECORDS));
        assertThat(stats.backlog()).isEqualTo(stats.get(LanesMetric.BACKLOG));
    }

    @Test
    void isAValue() {
        assertThat(LanesStats.of(metric -> metric.ordinal() + 1)).isEqualTo(stats).hasSameHashCodeAs(stats);
        assertThat(LanesStats.of(metric -> 0)).isNotEqualTo(stats);
        assertThat(stats.toString()).contains("POLLED_RECORDS=1");
    }
}
