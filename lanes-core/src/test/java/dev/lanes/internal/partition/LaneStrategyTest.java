package dev.lanes.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.Ordering;
import dev.lanes.internal.offsets.OffsetMetadataCodec;
import dev.lanes.internal.schedule.Lane;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LaneStrategyTest {
    private final PartitionState partition = new PartitionState(new TopicPartition("t", 0),
            OffsetMetadataCodec.decode(null, 0));
    private final LaneStrategy byKey = LaneStrategy.of(Ordering.KEY, false);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keysWithTheSameBytesShareALaneAndOthersDoNot() {
        Lane first = byKey.laneFor(partition, bytes("order-1"));

        assertThat(byKey.laneFor(partition, bytes("order-1"))).as("another array, the same bytes").isSameAs(first);
        assertThat(byKey.laneFor(partition, bytes("order-2"))).isNotSameAs(first);
        assertThat(byKey.laneFor(partition, bytes("order-"))).as("a prefix").isNotSameAs(first);
        assertThat(byKey.laneFor(partition, new byte[0])).isNotSameAs(first).isSameAs(byKey.laneFor(partition, new byte[0]));
        assertThat(partition.keyLaneCount()).isEqualTo(4);
    }

    @Test
    void aKeyLaneIsOrderedAndANullKeyRunsUnorderedUnlessAsked() {
        assertThat(byKey.laneFor(partition, bytes("k")).isOrdered()).isTrue();
        assertThat(byKey.laneFor(partition, null).isOrdered()).isFalse();
        assertThat(LaneStrategy.of(Ordering.KEY, true).laneFor(partition, null).isOrdered()).isTrue();
    }
}
