package dev.lanes.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.LanesMetric;
import dev.lanes.LanesStats;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lines of lanes consume that must show what the user cannot see otherwise. */
class ProgressTest {

    private final Map<LanesMetric, Long> values = new EnumMap<>(LanesMetric.class);

    @Test
    void theProgressLineShowsCommitFailuresOnlyWhenThereAreAny() {
        values.put(LanesMetric.ENDED_RECORDS, 500L);
        values.put(LanesMetric.COMMITS, 12L);
        values.put(LanesMetric.ASSIGNED_PARTITIONS, 3L);
        assertThat(Progress.line(stats(), 100)).isEqualTo("lanes consume: 100 records/s, in flight 0,"
                + " buffered 0, ended 500, failed attempts 0, commits 12, partitions 3");

        values.put(LanesMetric.COMMIT_FAILURES, 4L);
        assertThat(Progress.line(stats(), 100)).isEqualTo("lanes consume: 100 records/s, in flight 0,"
                + " buffered 0, ended 500, failed attempts 0, commits 12 (4 failed), partitions 3");
        assertThat(Progress.commitFailures(stats())).isEqualTo(" (4 failed)");
    }

    @Test
    void stoppingSaysWhatItWaitsForAndHowLongAtMost() {
        values.put(LanesMetric.BUFFERED_RECORDS, 37L);
        assertThat(Progress.closing(stats(), Duration.ofSeconds(30))).isEqualTo("lanes consume: stopping:"
                + " waiting up to 30 s for 37 records in flight or buffered and the final commit");
        assertThat(Progress.closing(stats(), Duration.ofMillis(1500))).contains("up to 1500 ms");
    }

    private LanesStats stats() {
        return LanesStats.of(metric -> values.getOrDefault(metric, 0L));
    }
}
