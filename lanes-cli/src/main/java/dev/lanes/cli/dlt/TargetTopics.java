package dev.lanes.cli.dlt;

import dev.lanes.cli.CliException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The topics a replay reads and writes, each checked to exist once, so that a record is never
 * sent to a topic that is not there (the producer would wait for it, or the broker create it with
 * its defaults). The command's thread only; remembers the topics it found.
 */
final class TargetTopics {
    private final Admin admin;
    private final Duration timeout;
    private final Map<String, Integer> partitions = new HashMap<>();

    TargetTopics(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * @param namedBy what named the topic, for the message
     * @return its partition count
     * @throws CliException if it does not exist or cannot be described
     */
    int require(String topic, String namedBy) {
        Integer known = partitions.get(topic);
        if (known != null) {
            return known;
        }
        try {
            int count = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().size();
            partitions.put(topic, count);
            return count;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new CliException("topic " + topic + " (" + namedBy + ") does not exist", e);
            }
            throw new CliException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new CliException("cannot describe topic " + topic + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while describing topic " + topic, e);
        }
    }
}
