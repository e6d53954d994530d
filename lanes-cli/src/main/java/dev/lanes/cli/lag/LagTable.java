package dev.lanes.cli.lag;

import dev.lanes.GroupBacklog;
import dev.lanes.PartitionBacklog;
import java.util.ArrayList;
import java.util.List;

/**
 * A backlog as a table for people: one row per partition, the totals, and a line for each
 * partition whose metadata could not be used, saying why. Numbers without separators, so the
 * columns can be cut with {@code awk}. Stateless.
 */
final class LagTable {

    private static final String[] HEADER = {"TOPIC", "PARTITION", "END-OFFSET", "COMMITTED", "KAFKA-LAG",
        "ENDED-ABOVE-COMMITTED", "BACKLOG", "METADATA"};

    private LagTable() {
    }

    static String render(GroupBacklog backlog) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PartitionBacklog p : backlog.partitions()) {
            rows.add(new String[] {p.topic(), String.valueOf(p.partition()), String.valueOf(p.endOffset()),
                p.hasCommit() ? String.valueOf(p.committedOffset()) : "-", String.valueOf(p.kafkaLag()),
                String.valueOf(p.endedAboveCommitted()), String.valueOf(p.backlog()),
                LagJson.metadataName(p.metadata())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                b.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            b.append('\n');
        }
        b.append("group ").append(backlog.group()).append(": Kafka lag ").append(backlog.totalKafkaLag())
                .append(", backlog ").append(backlog.totalBacklog()).append('\n');
        for (PartitionBacklog p : backlog.partitions()) {
            if (p.metadata() == PartitionBacklog.MetadataStatus.FOREIGN
                    || p.metadata() == PartitionBacklog.MetadataStatus.UNREADABLE) {
                b.append(p.topic()).append('-').append(p.partition()).append(": backlog is Kafka's lag: ")
                        .append(p.metadataDetail()).append('\n');
            }
        }
        return b.toString();
    }
}
