package dev.lanes.internal.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.Ordering;
import dev.lanes.internal.partition.LaneStrategy;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.poll.TestPartitions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Which records of a batch out the health sampler sees in flight: the one running and those
 * after it, none once the batch was handed back. The worker's steps are played by hand, on the
 * test thread.
 */
class BatchInFlightTest {
    private final PartitionState partition = TestPartitions.partition(0);
    private final Batch batch = BatchFactory.<String, String>blocking(record -> { },
            new RecordDecoder<>(new StringDeserializer(), new StringDeserializer())).create(items(3), new Inbox());

    private List<WorkItem<?, ?>> items(int count) {
        List<WorkItem<?, ?>> items = new ArrayList<>();
        for (int offset = 0; offset < count; offset++) {
            items.add(new WorkItem<>(new ConsumerRecord<>("t", 0, offset, "k".getBytes(StandardCharsets.UTF_8),
                    "v".getBytes(StandardCharsets.UTF_8)), partition,
                    LaneStrategy.of(Ordering.UNORDERED, false).laneFor(partition, null), offset, 1, 0));
        }
        return items;
    }

    private List<String> inFlight() {
        List<String> seen = new ArrayList<>();
        batch.forEachInFlight((item, since) -> seen.add(item.offset() + " since " + since));
        return seen;
    }

    @Test
    void theRecordRunningAndThoseWaitingBehindItSinceTheHandOff() {
        batch.handedNanos = 7;
        assertThat(inFlight()).containsExactly("0 since 7", "1 since 7", "2 since 7");

        batch.starting(0);
        batch.returned(0);
        batch.ended(0);
        batch.starting(1);
        assertThat(inFlight()).containsExactly("1 since 7", "2 since 7");

        batch.items().get(2).handedAt(3); // an earlier attempt of it was handed off before
        assertThat(inFlight()).containsExactly("1 since 7", "2 since 3");

        batch.returned(1);
        batch.ended(1);
        batch.starting(2);
        batch.returned(2);
        batch.ended(2);
        batch.finish(10);
        assertThat(inFlight()).isEmpty();
    }

    @Test
    void aVisitorThatHasSeenEnoughStopsTheWalk() {
        List<Long> seen = new ArrayList<>();
        boolean finished = batch.forEachInFlight((item, since) -> seen.add(item.offset()) && seen.size() < 2);
        assertThat(finished).isFalse();
        assertThat(seen).containsExactly(0L, 1L);
    }
}
