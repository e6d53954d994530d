package dev.lanes.embedded.internal;

import dev.lanes.embedded.EmbeddedKafkaException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running cluster of node processes: starts them, crashes, stops and restarts one, stops all.
 * Used by the thread that owns the {@code EmbeddedKafka} and by a JVM shutdown hook; node state
 * changes are synchronized in {@link NodeProcess}, and {@link #close()} runs once.
 *
 * <p>Life cycle: a fresh {@link DataDirectory}; ports and {@code server.properties} for every
 * node; a shutdown hook (before any process exists, so an exit during start-up still stops
 * them); every child launched at once; then wait until all are live brokers. Any failure
 * stops what was started and deletes the directory.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);

    /** How long a clean stop may take before the node is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final DataDirectory directory;
    private final List<NodeProcess> nodes;
    private final Duration startupTimeout;
    private final ClusterAdmin admin;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaCluster(DataDirectory directory, List<NodeProcess> nodes, Duration startupTimeout) {
        this.directory = directory;
        this.nodes = List.copyOf(nodes);
        this.startupTimeout = startupTimeout;
        this.admin = new ClusterAdmin(bootstrapServers());
        this.shutdownHook = new Thread(this::close, "lanes-embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a cluster and waits until every node is a live broker.
     *
     * @param settings what to start
     * @return the running cluster
     * @throws EmbeddedKafkaException if it cannot start; nothing is left running
     */
    public static KafkaCluster start(ClusterSettings settings) {
        List<Integer> brokerPorts = new ArrayList<>();
        if (settings.brokerPort() == 0) {
            brokerPorts.addAll(PortAllocator.freePorts(settings.nodes(), Set.of()));
        } else {
            for (int i = 0; i < settings.nodes(); i++) {
                PortAllocator.requireFree(settings.brokerPort() + i);
                brokerPorts.add(settings.brokerPort() + i);
            }
        }
        List<Integer> controllerPorts =
                PortAllocator.freePorts(settings.nodes(), new HashSet<>(brokerPorts));

        DataDirectory directory = DataDirectory.create();
        List<NodeProcess> processes = new ArrayList<>();
        try {
            List<NodeSpec> specs = new ArrayList<>();
            for (int id = 0; id < settings.nodes(); id++) {
                specs.add(new NodeSpec(id, brokerPorts.get(id), controllerPorts.get(id),
                        directory.path().resolve("node-" + id)));
            }
            String clusterId = Uuid.randomUuid().toString();
            for (NodeSpec spec : specs) {
                BrokerProperties.write(
                        BrokerProperties.forNode(spec, specs, settings.brokerProperties()), spec);
                processes.add(new NodeProcess(spec,
                        NodeCommand.of(spec, clusterId, settings.jvmOptions())));
            }
        } catch (RuntimeException e) {
            directory.delete();
            throw e;
        }

        KafkaCluster cluster = new KafkaCluster(directory, processes, settings.startupTimeout());
        try {
            processes.forEach(NodeProcess::start);
            cluster.admin.awaitLive(processes, settings.startupTimeout());
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** @return every node's broker address, comma-separated, in node id order */
    public String bootstrapServers() {
        return nodes.stream().map(n -> n.spec().brokerAddress()).collect(Collectors.joining(","));
    }

    /** @return how many nodes the cluster has, running or not */
    public int nodeCount() {
        return nodes.size();
    }

    /** @return the cluster's directory */
    public DataDirectory directory() {
        return directory;
    }

    /**
     * @param nodeId a node id
     * @return the node's process
     */
    public NodeProcess node(int nodeId) {
        if (nodeId < 0 || nodeId >= nodes.size()) {
            throw new IllegalArgumentException("no node " + nodeId + ": node ids are 0 to "
                    + (nodes.size() - 1));
        }
        return nodes.get(nodeId);
    }

    /** @param nodeId the node to kill with SIGKILL; returns once its process is gone */
    public void crash(int nodeId) {
        requireOpen();
        node(nodeId).kill();
    }

    /** @param nodeId the node to stop cleanly; killed if it takes longer than 10 s */
    public void stop(int nodeId) {
        requireOpen();
        NodeProcess node = node(nodeId);
        node.requestStop();
        if (!node.awaitExit(STOP_TIMEOUT)) {
            LOG.warn("embedded Kafka node {} did not stop within {} s; killing it", nodeId,
                    STOP_TIMEOUT.toSeconds());
            node.kill();
        }
    }

    /** @param nodeId a stopped or crashed node to start again, with its data; waits until live */
    public void restart(int nodeId) {
        requireOpen();
        NodeProcess node = node(nodeId);
        node.start();
        admin.awaitLive(List.of(node), startupTimeout);
    }

    /**
     * Creates a topic and waits until all its partitions have a leader.
     *
     * @param name the topic
     * @param partitions how many partitions
     * @param replicationFactor how many replicas
     * @param timeout how long at most
     */
    public void createTopic(String name, int partitions, short replicationFactor,
                            Duration timeout) {
        requireOpen();
        List<NodeProcess> running = nodes.stream().filter(NodeProcess::isAlive)
                .collect(Collectors.toList());
        admin.createTopic(name, partitions, replicationFactor, running, timeout);
    }

    /**
     * @param nodeId a node id
     * @return the pid of the node's JVM while it runs
     */
    public Optional<Long> pid(int nodeId) {
        return node(nodeId).pid();
    }

    /**
     * Stops every node (stdin closed, so each shuts down cleanly, all in parallel; killed after
     * 10 s), then deletes the directory. Idempotent; also run by the JVM shutdown hook.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: this is the hook running.
        }
        nodes.forEach(NodeProcess::requestStop);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (NodeProcess node : nodes) {
            if (!node.awaitExit(Duration.ofNanos(deadline - System.nanoTime()))) {
                LOG.warn("embedded Kafka node {} did not stop within {} s; killing it",
                        node.spec().nodeId(), STOP_TIMEOUT.toSeconds());
                node.kill();
            }
        }
        directory.delete();
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this embedded Kafka is closed");
        }
    }
}
