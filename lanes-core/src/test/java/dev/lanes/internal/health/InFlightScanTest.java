package dev.lanes.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.Ordering;
import dev.lanes.internal.partition.LaneStrategy;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.poll.TestPartitions;
import dev.lanes.internal.work.WorkItem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** One look at the records in flight: the count over the threshold, the oldest few, and the cap on its work. */
class InFlightScanTest {
    private static final long SECOND = 1_000_000_000L;
    private final PartitionState partition = TestPartitions.partition(0);

    private WorkItem<?, ?> item(long offset) {
        return new WorkItem<>(new ConsumerRecord<>("t", 0, offset, ("k" + offset).getBytes(StandardCharsets.UTF_8),
                new byte[0]), partition, LaneStrategy.of(Ordering.UNORDERED, false).laneFor(partition, null),
                offset, 1, 0);
    }

    @Test
    void countsAllTheStuckButListsOnlyTheOldestFew() {
        InFlightScan scan = new InFlightScan(100 * SECOND, Duration.ofSeconds(30), 2, 1_000);
        for (long offset = 0; offset < 10; offset++) {
            scan.inFlight(item(offset), (offset * 10) * SECOND); // offset 0 since 0 s … offset 9 since 90 s
        }
        assertThat(scan.stuckCount()).as("in flight 30 s or more: offsets 0 to 7").isEqualTo(8);
        assertThat(scan.stuck()).extracting(record -> record.offset()).containsExactly(0L, 1L);
        assertThat(scan.oldest()).hasValueSatisfying(record -> assertThat(record.age()).hasSeconds(100));
        assertThat(scan.stoppedEarly()).isFalse();
    }

    @Test
    void stopsAfterItsCapAndSaysSo() {
        InFlightScan scan = new InFlightScan(0, Duration.ofSeconds(30), 5, 3);
        int visited = 0;
        while (visited < 10 && scan.inFlight(item(visited), 0)) {
            visited++;
        }
        assertThat(visited).isEqualTo(3);
        assertThat(scan.stoppedEarly()).isTrue();
    }
}
