package dev.lanes.cli.lag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.GroupBacklog;
import dev.lanes.PartitionBacklog;
import dev.lanes.PartitionBacklog.MetadataStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three formats of one backlog: the JSON of DESIGN.md, the table, the Prometheus text. */
class LagRenderingTest {

    private static final GroupBacklog BACKLOG = GroupBacklog.of("orders-service", List.of(
            new PartitionBacklog("orders", 0, 1000, 10, 990, 900, 90, MetadataStatus.LANES, "900 ended offsets"),
            new PartitionBacklog("orders", 1, 500, 450, 50, 0, 50, MetadataStatus.FOREIGN,
                    "metadata not written by Lanes (no \"lanes:\" prefix): \"app\""),
            new PartitionBacklog("orders", 2, 30, PartitionBacklog.NO_COMMITTED_OFFSET, 30, 0, 30,
                    MetadataStatus.NO_COMMIT, "no committed offset")));

    @Test
    void jsonIsTheDocumentedObjectOnOneLine() {
        assertThat(LagJson.render(BACKLOG)).isEqualTo("{\"group\":\"orders-service\",\"partitions\":["
                + "{\"topic\":\"orders\",\"partition\":0,\"endOffset\":1000,\"committedOffset\":10,\"kafkaLag\":990,"
                + "\"endedAboveCommitted\":900,\"backlog\":90,\"metadata\":\"lanes\"},"
                + "{\"topic\":\"orders\",\"partition\":1,\"endOffset\":500,\"committedOffset\":450,\"kafkaLag\":50,"
                + "\"endedAboveCommitted\":0,\"backlog\":50,\"metadata\":\"foreign\"},"
                + "{\"topic\":\"orders\",\"partition\":2,\"endOffset\":30,\"committedOffset\":null,\"kafkaLag\":30,"
                + "\"endedAboveCommitted\":0,\"backlog\":30,\"metadata\":\"no-commit\"}],"
                + "\"totalKafkaLag\":1070,\"totalBacklog\":170}");
    }

    @Test
    void theTableHasARowPerPartitionTheTotalsAndWhyABacklogIsKafkasLag() {
        assertThat(LagTable.render(BACKLOG).lines()).containsExactly(
                "TOPIC   PARTITION  END-OFFSET  COMMITTED  KAFKA-LAG  ENDED-ABOVE-COMMITTED  BACKLOG  METADATA",
                "orders  0          1000        10         990        900                    90       lanes",
                "orders  1          500         450        50         0                      50       foreign",
                "orders  2          30          -          30         0                      30       no-commit",
                "group orders-service: Kafka lag 1070, backlog 170",
                "orders-1: backlog is Kafka's lag: metadata not written by Lanes (no \"lanes:\" prefix): \"app\"");
    }

    @Test
    void prometheusHasTheTotalsAndAGaugePerPartition() {
        LagMeters meters = new LagMeters();
        meters.update(BACKLOG);

        String text = meters.scrape();

        assertThat(text).contains("# TYPE lanes_lag_group_backlog_records gauge")
                .contains("lanes_lag_group_backlog_records{group=\"orders-service\"} 170.0")
                .contains("lanes_lag_group_kafka_lag_records{group=\"orders-service\"} 1070.0")
                .contains("lanes_lag_backlog_records{group=\"orders-service\",partition=\"0\",topic=\"orders\"} 90.0")
                .contains("lanes_lag_kafka_lag_records{group=\"orders-service\",partition=\"1\",topic=\"orders\"} 50.0")
                .contains("lanes_lag_ended_above_committed_records{group=\"orders-service\",partition=\"0\","
                        + "topic=\"orders\"} 900.0");
    }

    @Test
    void gaugesFollowTheLatestReadingAndAGonePartitionIsRemoved() {
        LagMeters meters = new LagMeters();
        meters.update(BACKLOG);
        meters.update(GroupBacklog.of("orders-service", List.of(
                new PartitionBacklog("orders", 0, 1000, 1000, 0, 0, 0, MetadataStatus.NONE, "no metadata"))));

        String text = meters.scrape();

        assertThat(text).contains("lanes_lag_group_backlog_records{group=\"orders-service\"} 0.0")
                .contains("lanes_lag_backlog_records{group=\"orders-service\",partition=\"0\",topic=\"orders\"} 0.0")
                .doesNotContain("partition=\"1\"").doesNotContain("partition=\"2\"");
    }
}
