package dev.lanes.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the new topic of a {@code lanes bench} or {@code lanes demo} run, with the cluster's
 * default replication (with {@code acks=all}, a replication below the cluster's
 * {@code min.insync.replicas} could not be written), and waits until every partition is open
 * (KAFKA-15591, see {@link PartitionEnds}). Stateless; used on the command's thread.
 */
public final class FreshTopic {

    private FreshTopic() {
    }

    /** @throws CliException if the topic cannot be created, or is not open within the timeout */
    public static void create(Admin admin, String topic, int partitions, Duration timeout) throws InterruptedException {
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new CliException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new CliException("the broker did not create topic " + topic + " within " + timeout.toSeconds()
                    + " s", e);
        }
        PartitionEnds.of(admin, topic, partitions, timeout);
    }
}
