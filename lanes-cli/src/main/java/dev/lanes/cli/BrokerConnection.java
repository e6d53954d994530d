package dev.lanes.cli;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;

/**
 * Opens an Admin client to the user's brokers and proves they answer, with timeouts short
 * enough that a wrong address fails in seconds. Used on the command's thread.
 */
public final class BrokerConnection {

    /** How long the brokers get to answer the first request. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private BrokerConnection() {
    }

    /**
     * @param bootstrap the user's {@code --bootstrap}
     * @return an Admin client connected to a cluster that answered
     * @throws CliException if the address is invalid or nothing answers in 5 s
     */
    public static Admin open(String bootstrap) {
        return open(KafkaClients.to(bootstrap));
    }

    /**
     * @param clients the user's {@code --bootstrap} and client properties (which win over the
     *     short timeouts here)
     * @return an Admin client connected to a cluster that answered
     * @throws CliException if the address is invalid or nothing answers in 5 s
     */
    public static Admin open(KafkaClients clients) {
        String bootstrap = clients.bootstrap();
        Admin admin;
        try {
            admin = Admin.create(clients.properties(Map.of(
                    "client.id", "lanes-cli",
                    "request.timeout.ms", 3_000,
                    "default.api.timeout.ms", 10_000,
                    "socket.connection.setup.timeout.ms", 2_000,
                    "socket.connection.setup.timeout.max.ms", 3_000)));
        } catch (KafkaException e) {
            // An unparsable or unresolvable address, or a bad client property: Kafka says which.
            throw new CliException("invalid --bootstrap '" + bootstrap + "'"
                    + (clients.userProperties().isEmpty() ? "" : " or client property") + ": "
                    + rootMessage(e), e);
        }
        try {
            admin.describeCluster().clusterId()
                    .get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return admin;
        } catch (TimeoutException | ExecutionException e) {
            admin.close(Duration.ZERO);
            throw new CliException("cannot reach Kafka at " + bootstrap + " within "
                    + CONNECT_TIMEOUT.toSeconds() + " s; is a broker running there?"
                    + " (start one with: ./lanes broker)", e);
        } catch (InterruptedException e) {
            admin.close(Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while connecting to " + bootstrap, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
