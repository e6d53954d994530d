package dev.lanes.embedded;

import dev.lanes.embedded.internal.ClusterSettings;
import dev.lanes.embedded.internal.KafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A real Apache Kafka (KRaft) running on 127.0.0.1: one node, or a cluster of nodes that are
 * each a broker and a controller. Each node is a child JVM, so {@link #crash(int)} is a real
 * {@code kill -9}.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().nodes(3).start()) {
 *     kafka.createTopic("orders", 6);
 *     try (var producer = new KafkaProducer<String, String>(kafka.producerProperties())) { … }
 *     kafka.crash(1);   // kill -9 of node 1; the other two keep serving
 *     kafka.restart(1); // same ports, same data; returns once node 1 is live again
 * }
 * }</pre>
 *
 * <p>Node ids are {@code 0 … nodeCount()-1}. The nodes use free ports (or the ones chosen with
 * {@link Builder#brokerPort(int)}) and a temporary directory that {@link #close()} deletes.
 * Nodes never outlive this JVM: they stop when it exits, even by {@code kill -9}. Broker
 * defaults (replication, fast fencing, no topic auto-creation) are listed in
 * {@code docs/EMBEDDED_KAFKA.md}.
 *
 * <p>Thread-safe. Calls that wait ({@link #restart(int)}, {@link #createTopic}, {@link #close()})
 * block the calling thread.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaCluster cluster;

    private EmbeddedKafka(KafkaCluster cluster) {
        this.cluster = cluster;
    }

    /** @return a builder; {@code builder().start()} starts one node with free ports */
    public static Builder builder() {
        return new Builder();
    }

    /** @return every node's {@code 127.0.0.1:port}, comma-separated, for {@code bootstrap.servers} */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** @return how many nodes the cluster has, running or not */
    public int nodeCount() {
        return cluster.nodeCount();
    }

    /**
     * Kills a node's JVM with SIGKILL, like {@code kill -9}: no clean shutdown, no flush. Returns
     * once the process is gone. The cluster fences the node about 3 s later and moves its
     * partition leaderships to the other replicas.
     *
     * @param nodeId the node, {@code 0 … nodeCount()-1}
     */
    public void crash(int nodeId) {
        cluster.crash(nodeId);
    }

    /**
     * Stops a node cleanly (Kafka's controlled shutdown); kills it if that takes more than 10 s.
     *
     * @param nodeId the node, {@code 0 … nodeCount()-1}
     */
    public void stop(int nodeId) {
        cluster.stop(nodeId);
    }

    /**
     * Starts a crashed or stopped node again, on the same ports with the same data, and waits
     * until it is a live broker again (at most the start-up timeout).
     *
     * @param nodeId the node, {@code 0 … nodeCount()-1}
     * @throws IllegalStateException if the node is running
     * @throws EmbeddedKafkaException if it does not come back in time
     */
    public void restart(int nodeId) {
        cluster.restart(nodeId);
    }

    /**
     * @param nodeId the node, {@code 0 … nodeCount()-1}
     * @return whether the node's JVM is running
     */
    public boolean isRunning(int nodeId) {
        return cluster.node(nodeId).isAlive();
    }

    /**
     * @param nodeId the node, {@code 0 … nodeCount()-1}
     * @return the operating-system pid of the node's JVM, if it is running
     */
    public OptionalLong pid(int nodeId) {
        return cluster.pid(nodeId).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /**
     * @param nodeId the node, {@code 0 … nodeCount()-1}
     * @return the file the node's JVM writes its output to (Kafka logs at WARN and above)
     */
    public Path logFile(int nodeId) {
        return cluster.node(nodeId).spec().logFile();
    }

    /**
     * Creates a topic and waits until every partition's leader serves requests, so producers
     * can send to it at once. (Waiting for the metadata to show leaders is not enough: an
     * idempotent producer starting then can lose its first batches, KAFKA-15591.)
     *
     * @param name the topic name
     * @param partitions how many partitions, at least 1
     * @param replicationFactor how many replicas, from 1 to {@link #nodeCount()}
     * @throws EmbeddedKafkaException if the topic exists or cannot be created within 30 s
     */
    public void createTopic(String name, int partitions, short replicationFactor) {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1 || replicationFactor > nodeCount()) {
            throw new IllegalArgumentException("replicationFactor must be 1 to " + nodeCount()
                    + ", was " + replicationFactor);
        }
        cluster.createTopic(name, partitions, replicationFactor, TOPIC_TIMEOUT);
    }

    /**
     * Creates a topic replicated on {@code min(nodeCount(), 3)} nodes, and waits until every
     * partition has a leader.
     *
     * @param name the topic name
     * @param partitions how many partitions, at least 1
     */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, (short) Math.min(nodeCount(), 3));
    }

    /** @return a new, modifiable map for {@code Admin.create}: the bootstrap servers */
    public Map<String, Object> adminProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers());
        return props;
    }

    /**
     * A new, modifiable map for {@code new KafkaProducer<>(map)}: the bootstrap servers,
     * {@code acks=all} with idempotence, and String serializers for keys and values (ignored
     * when serializers are passed to the producer's constructor).
     *
     * @return the properties
     */
    public Map<String, Object> producerProperties() {
        Map<String, Object> props = adminProperties();
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        return props;
    }

    /**
     * A new, modifiable map for {@code new KafkaConsumer<>(map)}: the bootstrap servers, the
     * group, {@code auto.offset.reset=earliest} (a test's consumer sees records produced before
     * it joined), and String deserializers for keys and values.
     *
     * @param groupId the consumer group
     * @return the properties
     */
    public Map<String, Object> consumerProperties(String groupId) {
        Map<String, Object> props = adminProperties();
        props.put("group.id", Objects.requireNonNull(groupId, "groupId"));
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        props.put("value.deserializer",
                "org.apache.kafka.common.serialization.StringDeserializer");
        return props;
    }

    /**
     * Stops every node cleanly and in parallel (each is killed if it takes more than 10 s), then
     * deletes the data directory. Idempotent.
     */
    @Override
    public void close() {
        cluster.close();
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + "]";
    }

    /**
     * Chooses what to start. Not thread-safe; each {@link #start()} starts a new cluster.
     * Settings are checked by {@link #start()}.
     */
    public static final class Builder {

        /** Default {@link #startupTimeout(Duration)}: 60 s. */
        public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

        private int nodes = 1;
        private int brokerPort;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

        private Builder() {
        }

        /**
         * @param nodes how many nodes, 1 to 9; each is a broker and a KRaft controller (default
         *     1; use 3 to survive the crash of one node)
         * @return this builder
         */
        public Builder nodes(int nodes) {
            this.nodes = nodes;
            return this;
        }

        /**
         * @param port the broker port of node 0; node {@code i} listens on {@code port + i}
         *     (default 0: free ports, the right choice for tests)
         * @return this builder
         */
        public Builder brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        /**
         * Sets a broker property on every node, over the defaults. Overriding listeners,
         * {@code node.id} or the quorum breaks the cluster.
         *
         * @param name a Kafka broker property, e.g. {@code log.retention.ms}
         * @param value its value
         * @return this builder
         */
        public Builder brokerProperty(String name, String value) {
            brokerProperties.put(Objects.requireNonNull(name, "name"),
                    Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param option an option for every node's JVM, after the defaults (so {@code -Xmx1g}
         *     replaces the default {@code -Xmx768m})
         * @return this builder
         */
        public Builder jvmOption(String option) {
            jvmOptions.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /**
         * @param timeout how long a node may take to start or restart (default 60 s)
         * @return this builder
         */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Starts the nodes and waits until all are live brokers.
         *
         * @return the running Kafka; close it when done
         * @throws IllegalArgumentException if a setting is out of range
         * @throws EmbeddedKafkaException if a port is taken or a node fails to start in time
         *     (the message ends with the node's log)
         */
        public EmbeddedKafka start() {
            return new EmbeddedKafka(KafkaCluster.start(settings()));
        }

        ClusterSettings settings() {
            if (nodes < 1 || nodes > 9) {
                throw new IllegalArgumentException("nodes must be 1 to 9, was " + nodes);
            }
            if (brokerPort != 0 && (brokerPort < 1 || brokerPort + nodes - 1 > 65_535)) {
                throw new IllegalArgumentException("brokerPort must be 0 (free ports) or 1 to "
                        + (65_536 - nodes) + " for " + nodes + " node(s), was " + brokerPort);
            }
            if (startupTimeout.isNegative() || startupTimeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive, was "
                        + startupTimeout);
            }
            return new ClusterSettings(nodes, brokerPort, brokerProperties, jvmOptions,
                    startupTimeout);
        }
    }
}
