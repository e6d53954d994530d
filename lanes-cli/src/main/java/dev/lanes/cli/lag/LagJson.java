package dev.lanes.cli.lag;

import dev.lanes.GroupBacklog;
import dev.lanes.PartitionBacklog;
import dev.lanes.cli.Json;
import java.util.Locale;

/**
 * A backlog as the JSON of DESIGN.md's {@code lanes lag} contract, on one line (so that
 * {@code --interval} prints JSON Lines): {@code group}, {@code partitions} (each with
 * {@code topic}, {@code partition}, {@code endOffset}, {@code committedOffset} — null when the group
 * has none —, {@code kafkaLag}, {@code endedAboveCommitted}, {@code backlog} and {@code metadata}:
 * lanes, none, foreign, unreadable or no-commit), {@code totalKafkaLag} and {@code totalBacklog}.
 * Stateless.
 */
final class LagJson {

    private LagJson() {
    }

    static String render(GroupBacklog backlog) {
        StringBuilder b = new StringBuilder(128 + 200 * backlog.partitions().size());
        b.append("{\"group\":");
        Json.quote(b, backlog.group());
        b.append(",\"partitions\":[");
        String separator = "";
        for (PartitionBacklog p : backlog.partitions()) {
            b.append(separator).append("{\"topic\":");
            Json.quote(b, p.topic());
            b.append(",\"partition\":").append(p.partition())
                    .append(",\"endOffset\":").append(p.endOffset())
                    .append(",\"committedOffset\":").append(p.hasCommit() ? String.valueOf(p.committedOffset()) : "null")
                    .append(",\"kafkaLag\":").append(p.kafkaLag())
                    .append(",\"endedAboveCommitted\":").append(p.endedAboveCommitted())
                    .append(",\"backlog\":").append(p.backlog())
                    .append(",\"metadata\":\"").append(metadataName(p.metadata())).append("\"}");
            separator = ",";
        }
        b.append("],\"totalKafkaLag\":").append(backlog.totalKafkaLag())
                .append(",\"totalBacklog\":").append(backlog.totalBacklog()).append('}');
        return b.toString();
    }

    /** {@code LANES} → {@code lanes}, {@code NO_COMMIT} → {@code no-commit}: as the table shows it. */
    static String metadataName(PartitionBacklog.MetadataStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
