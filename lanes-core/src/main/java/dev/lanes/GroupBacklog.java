package dev.lanes;

import dev.lanes.internal.backlog.BacklogReader;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;

/**
 * The honest backlog of a consumer group, read from outside the consumer (DESIGN.md guarantee 11):
 * per partition and in total, Kafka's lag beside what is really left to do.
 *
 * <p>Kafka's lag, {@code end offset − committed offset}, counts every record above the lowest one
 * still running, though a parallel consumer has finished most of them: one slow or stuck record
 * makes thousands of finished records look like backlog, and an autoscaler scaling on it adds
 * consumers that have nothing to do. Lanes names the offsets above the committed one that have
 * ended in each commit's metadata; this class subtracts them. For a group that Lanes does not
 * consume, or whose metadata cannot be read, the backlog is Kafka's lag and
 * {@link PartitionBacklog#metadata()} says why.
 *
 * <pre>{@code
 * GroupBacklog backlog = GroupBacklog.read(admin, "orders-service", List.of("orders"), Duration.ofSeconds(10));
 * long toScaleOn = backlog.totalBacklog();     // not backlog.totalKafkaLag()
 * }</pre>
 *
 * <p>A snapshot: the commits are as of the group's last commit, so records that ended since are
 * still counted until the next one (Lanes commits every {@code commitInterval}). Immutable.
 */
public final class GroupBacklog {

    private final String group;
    private final List<PartitionBacklog> partitions;
    private final long totalKafkaLag;
    private final long totalBacklog;

    private GroupBacklog(String group, List<PartitionBacklog> partitions) {
        this.group = group;
        this.partitions = List.copyOf(partitions);
        this.totalKafkaLag = this.partitions.stream().mapToLong(PartitionBacklog::kafkaLag).sum();
        this.totalBacklog = this.partitions.stream().mapToLong(PartitionBacklog::backlog).sum();
    }

    /**
     * Reads the backlog with the caller's Admin client (which stays open).
     *
     * @param admin a client of the group's cluster
     * @param groupId the consumer group
     * @param topics the topics to report, every partition of each (partitions the group never
     *     committed count from the log's start); empty for every topic the group has committed
     * @param timeout for the whole read
     * @return every partition of those topics, by topic then partition; none when {@code topics} is
     *     empty and the group has committed nothing (for instance, when no such group exists)
     * @throws IllegalArgumentException when a topic of {@code topics} does not exist
     * @throws KafkaException when the cluster refuses or does not answer within the timeout
     *     ({@link org.apache.kafka.common.errors.TimeoutException})
     */
    public static GroupBacklog read(Admin admin, String groupId, Collection<String> topics, Duration timeout) {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return new GroupBacklog(groupId, BacklogReader.read(admin, groupId, topics, timeout));
    }

    /**
     * Reads the backlog with an Admin client of its own, made from these properties
     * ({@code bootstrap.servers}, security settings) and closed before returning.
     *
     * @see #read(Admin, String, Collection, Duration)
     */
    public static GroupBacklog read(Map<String, Object> adminProperties, String groupId, Collection<String> topics,
            Duration timeout) {
        Objects.requireNonNull(adminProperties, "adminProperties");
        try (Admin admin = Admin.create(adminProperties)) {
            return read(admin, groupId, topics, timeout);
        }
    }

    /** A backlog of these partitions, e.g. for tests of code that consumes one. */
    public static GroupBacklog of(String group, List<PartitionBacklog> partitions) {
        return new GroupBacklog(Objects.requireNonNull(group, "group"), Objects.requireNonNull(partitions, "partitions"));
    }

    /** The consumer group. */
    public String group() {
        return group;
    }

    /** Every partition read, by topic then partition; unmodifiable. */
    public List<PartitionBacklog> partitions() {
        return partitions;
    }

    /** The sum of {@link PartitionBacklog#kafkaLag()}: what Kafka's own tools and lag-based scalers see. */
    public long totalKafkaLag() {
        return totalKafkaLag;
    }

    /** The sum of {@link PartitionBacklog#backlog()}: the records still to end, the number to scale on. */
    public long totalBacklog() {
        return totalBacklog;
    }

    @Override
    public String toString() {
        return "GroupBacklog[" + group + ": backlog " + totalBacklog + ", Kafka lag " + totalKafkaLag + ", "
                + partitions.size() + " partitions]";
    }
}
