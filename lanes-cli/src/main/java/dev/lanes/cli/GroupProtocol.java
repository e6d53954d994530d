package dev.lanes.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FinalizedVersionRange;

/**
 * Which group protocol the command's group consumers use: the consumer protocol of KIP-848
 * ({@code group.protocol=consumer}) when the cluster has it, so that a member's crash does not
 * stop the survivors; otherwise {@code classic}, with one warning line. Stateless; called on the
 * command's thread, once, before any consumer is made.
 *
 * <p>How it is detected: the cluster's finalized feature {@code group.version} (Admin
 * {@code describeFeatures}, answered from ApiVersions, so it needs no ACL) is at least 1; Kafka
 * 4.0+ finalizes it by default. A cluster that does not answer (older than 3.7, or the request
 * fails) counts as classic. The user decides instead when they set {@code group.protocol}, or a
 * property only the classic protocol accepts ({@link #CLASSIC_ONLY}: the consumer protocol
 * refuses them, the broker owns those settings there).
 */
public final class GroupProtocol {

    public static final String CONSUMER = "consumer";
    public static final String CLASSIC = "classic";
    static final String FEATURE = "group.version";
    /** Consumer properties the consumer protocol refuses (KafkaConsumer fails to start with them). */
    static final List<String> CLASSIC_ONLY = List.of("partition.assignment.strategy", "session.timeout.ms",
            "heartbeat.interval.ms");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private GroupProtocol() {
    }

    /**
     * @return the clients with the group protocol their group consumers use
     *     ({@link KafkaClients#groupConsumerProperties})
     */
    public static KafkaClients choose(Admin admin, KafkaClients clients, PrintWriter err) {
        if (clients.userSets("group.protocol")) {
            return clients;
        }
        for (String name : CLASSIC_ONLY) {
            if (clients.userSets(name)) {
                warn(err, "using group.protocol=classic, as " + name + " is set (the consumer protocol"
                        + " of KIP-848 does not take it)");
                return clients.withGroupProtocol(CLASSIC);
            }
        }
        String missing = consumerProtocolMissing(admin);
        if (missing == null) {
            return clients.withGroupProtocol(CONSUMER);
        }
        warn(err, "using group.protocol=classic, as " + missing + "; a member's crash then stops the"
                + " group until its session timeout");
        return clients.withGroupProtocol(CLASSIC);
    }

    /** @return why the cluster cannot run the consumer protocol, or null when it can */
    static String consumerProtocolMissing(Admin admin) {
        try {
            FeatureMetadata features = admin.describeFeatures().featureMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            FinalizedVersionRange group = features.finalizedFeatures().get(FEATURE);
            return missingAt(group == null ? null : group.maxVersionLevel());
        } catch (ExecutionException | TimeoutException e) {
            return "the cluster did not say whether it has the consumer group protocol (KIP-848)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while asking the cluster for its features", e);
        }
    }

    /**
     * @param groupVersion the cluster's finalized {@code group.version}, or null when it has none
     * @return why the consumer protocol is missing, or null when the cluster has it
     */
    static String missingAt(Short groupVersion) {
        if (groupVersion == null || groupVersion < 1) {
            return "the cluster has not enabled the consumer group protocol (KIP-848: " + FEATURE
                    + (groupVersion == null ? " not finalized" : " is " + groupVersion) + ")";
        }
        return null;
    }

    private static void warn(PrintWriter err, String message) {
        err.println("lanes: warning: " + message);
        err.flush();
    }
}
