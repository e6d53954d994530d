package dev.lanes.internal.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

class MissingTopicsTest {
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    @Test
    void warnsAboutTopicsThatDoNotExistWhileNothingIsAssignedOnceAMinute() {
        consumer.updatePartitions("orders", List.of(new PartitionInfo("orders", 0, null, null, null)));
        MissingTopics missing = new MissingTopics(consumer, List.of("orders", "ordres"), 0);

        assertThat(missing.check(true, MissingTopics.FIRST_LOOK_NANOS - 1)).as("not yet").isEmpty();
        assertThat(missing.check(true, MissingTopics.FIRST_LOOK_NANOS)).containsExactly("ordres");
        assertThat(missing.check(true, MissingTopics.FIRST_LOOK_NANOS + 1)).as("a minute later only").isEmpty();
        assertThat(missing.check(true, MissingTopics.FIRST_LOOK_NANOS + MissingTopics.INTERVAL_NANOS))
                .containsExactly("ordres");
    }

    @Test
    void saysNothingOnceSomethingIsAssignedOrForAPattern() {
        MissingTopics assigned = new MissingTopics(consumer, List.of("ordres"), 0);
        MissingTopics pattern = new MissingTopics(consumer, List.of(), 0);

        assertThat(assigned.check(false, Long.MAX_VALUE / 2)).isEmpty();
        assertThat(pattern.check(true, Long.MAX_VALUE / 2)).isEmpty();
    }
}
