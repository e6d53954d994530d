package dev.lanes.embedded.internal;

import dev.lanes.embedded.EmbeddedKafkaException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Waits for nodes to be live and creates topics, each call with an Admin client of its own (an
 * idle one would log warnings while nodes are down in fault tests). Immutable; any thread.
 *
 * <p>Waiting is polling: Kafka has no "tell me when broker 2 is back" call. Between polls it
 * waits on "some node process exited", so a node that dies during start-up fails the wait at
 * once, with its log, instead of at the timeout.
 */
public final class ClusterAdmin {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final int LOG_TAIL_LINES = 30;

    /**
     * A CreateTopics request that times out is retried, and the retry of one that succeeded
     * meanwhile fails with "topic exists": give it far longer than the polls.
     */
    private static final Duration CREATE_REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final String bootstrapServers;

    /** @param bootstrapServers every node's broker address */
    public ClusterAdmin(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    private Map<String, Object> adminConfig(Duration requestTimeout) {
        return Map.of(
                "bootstrap.servers", bootstrapServers,
                "client.id", "lanes-embedded-kafka",
                // Nodes come and go in fault tests: reconnect quickly.
                "reconnect.backoff.ms", 50,
                "reconnect.backoff.max.ms", 200,
                "socket.connection.setup.timeout.ms", 1000,
                "socket.connection.setup.timeout.max.ms", 2000,
                "request.timeout.ms", (int) requestTimeout.toMillis(),
                "default.api.timeout.ms", (int) Math.max(10_000, 2 * requestTimeout.toMillis()));
    }

    /**
     * Waits until every given node is a live (registered, unfenced) broker of the cluster.
     *
     * @param nodes the node processes to wait for
     * @param timeout how long at most
     * @throws EmbeddedKafkaException if a node process exits or the time runs out
     */
    public void awaitLive(Collection<NodeProcess> nodes, Duration timeout) {
        Set<Integer> expected = nodes.stream().map(n -> n.spec().nodeId())
                .collect(Collectors.toCollection(TreeSet::new));
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<Integer> live = Set.of();
        String lastError = "none";
        // An Admin client pointed at closed ports spins in rebootstrap loops and backs off, so
        // first wait, cheaply, until every broker port accepts connections.
        Set<NodeProcess> listening = new HashSet<>();
        while (listening.size() < nodes.size()) {
            requireAlive(nodes);
            for (NodeProcess node : nodes) {
                if (!listening.contains(node) && accepts(node.spec())) {
                    listening.add(node);
                }
            }
            if (listening.size() < nodes.size()) {
                if (System.nanoTime() - deadline > 0) {
                    throw notReady(nodes, expected, live, "broker port closed", timeout);
                }
                pause(nodes);
            }
        }
        try (Admin admin = Admin.create(adminConfig(REQUEST_TIMEOUT))) {
            while (true) {
                requireAlive(nodes);
                try {
                    live = admin.describeCluster(new DescribeClusterOptions()
                                .timeoutMs((int) REQUEST_TIMEOUT.toMillis()))
                            .nodes().get().stream().map(Node::id).collect(Collectors.toSet());
                    if (live.containsAll(expected)) {
                        return;
                    }
                } catch (ExecutionException e) {
                    lastError = e.getCause().toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedKafkaException("interrupted while waiting for embedded Kafka");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw notReady(nodes, expected, live, lastError, timeout);
                }
                pause(nodes);
            }
        }
    }

    private static void requireAlive(Collection<NodeProcess> nodes) {
        for (NodeProcess node : nodes) {
            if (!node.isAlive()) {
                throw new EmbeddedKafkaException("embedded Kafka node " + node.spec().nodeId()
                        + " exited with code " + node.exitCode().map(String::valueOf).orElse("?")
                        + " while starting; " + logEnd(node));
            }
        }
    }

    private static boolean accepts(NodeSpec node) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(NodeSpec.HOST, node.brokerPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static EmbeddedKafkaException notReady(Collection<NodeProcess> nodes,
                                                   Set<Integer> expected, Set<Integer> live,
                                                   String lastError, Duration timeout) {
        Set<Integer> missing = new TreeSet<>(expected);
        missing.removeAll(live);
        return new EmbeddedKafkaException("embedded Kafka node(s) " + missing
                + " not ready within " + timeout.toSeconds() + " s (live: " + live
                + ", last error: " + lastError + "); "
                + nodes.stream().filter(n -> missing.contains(n.spec().nodeId()))
                        .map(ClusterAdmin::logEnd).collect(Collectors.joining("; ")));
    }

    /**
     * Creates a topic and waits until every partition has a leader that serves requests.
     *
     * <p>The metadata shows a leader a moment before that broker has opened the partition. A
     * producer that starts in between gets NOT_LEADER_OR_FOLLOWER on its first batch while a
     * later in-flight batch is accepted; an idempotent producer then retries the first batch
     * with OUT_OF_ORDER_SEQUENCE_NUMBER until it expires (KAFKA-15591). So the wait ends only
     * when every partition's leader answers a ListOffsets request, which needs the open
     * partition.
     *
     * @param name the topic
     * @param partitions how many partitions
     * @param replicationFactor how many replicas, at most the node count
     * @param nodes the running nodes (a node exiting ends the wait early)
     * @param timeout how long at most
     */
    public void createTopic(String name, int partitions, short replicationFactor,
                            Collection<NodeProcess> nodes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminConfig(CREATE_REQUEST_TIMEOUT))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, replicationFactor)))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            while (!allPartitionsLed(admin, name, partitions)
                    || !leadersAnswer(admin, name, partitions)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new EmbeddedKafkaException("topic " + name + " was created but not all of"
                            + " its partitions had a leader within " + timeout.toSeconds() + " s");
                }
                pause(nodes);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                throw new EmbeddedKafkaException("topic " + name + " already exists", e.getCause());
            }
            throw new EmbeddedKafkaException("cannot create topic " + name + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new EmbeddedKafkaException("cannot create topic " + name + " within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while creating topic " + name);
        }
    }

    private static boolean allPartitionsLed(Admin admin, String name, int partitions)
            throws InterruptedException {
        try {
            TopicDescription topic = admin.describeTopics(List.of(name)).allTopicNames().get()
                    .get(name);
            List<TopicPartitionInfo> infos = topic.partitions();
            return infos.size() == partitions && infos.stream()
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            // Not yet in the metadata of the node we asked: try again.
            return false;
        }
    }

    private static boolean leadersAnswer(Admin admin, String name, int partitions)
            throws InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(name, p), OffsetSpec.latest());
        }
        try {
            admin.listOffsets(latest, new ListOffsetsOptions()
                    .timeoutMs((int) REQUEST_TIMEOUT.toMillis())).all().get();
            return true;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private static void pause(Collection<NodeProcess> nodes) {
        // Waits for the poll interval, or less if a node process exits meanwhile.
        CompletableFuture<?>[] exits = nodes.stream().map(NodeProcess::onExit)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.anyOf(exits).get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // The usual case: nothing exited during the interval.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while waiting for embedded Kafka");
        }
    }

    private static String logEnd(NodeProcess node) {
        return "the end of its log " + node.spec().logFile() + ":\n"
                + node.logTail(LOG_TAIL_LINES);
    }
}
