package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.PartitionBacklog.MetadataStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The totals, and the record's refusal of numbers that do not add up. */
class GroupBacklogTest {

    @Test
    void totalsAddUpThePartitions() {
        GroupBacklog backlog = GroupBacklog.of("g", List.of(
                new PartitionBacklog("t", 0, 100, 10, 90, 80, 10, MetadataStatus.LANES, "80 ended offsets"),
                new PartitionBacklog("t", 1, 50, 20, 30, 0, 30, MetadataStatus.FOREIGN, "not ours")));

        assertThat(backlog.group()).isEqualTo("g");
        assertThat(backlog.totalKafkaLag()).isEqualTo(120);
        assertThat(backlog.totalBacklog()).isEqualTo(40);
        assertThat(backlog.partitions()).extracting(PartitionBacklog::partition).containsExactly(0, 1);
    }

    @Test
    void aBacklogThatIsNotKafkasLagLessTheEndedIsRefused() {
        assertThatThrownBy(() -> new PartitionBacklog("t", 0, 100, 10, 90, 80, 11, MetadataStatus.LANES, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backlog 11");
        assertThatThrownBy(() -> new PartitionBacklog("t", 0, 100, 10, 90, 91, -1, MetadataStatus.LANES, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
