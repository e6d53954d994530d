package dev.lanes.embedded.internal;

import java.nio.file.Path;

/**
 * Where one node lives: its id, its two ports and its directory. Immutable; any thread.
 *
 * <p>A node keeps the same spec for its whole life, so a restarted node comes back on the same
 * ports with the same data.
 *
 * @param nodeId Kafka's {@code node.id}, also the node's index in the cluster (0, 1, 2, …)
 * @param brokerPort the PLAINTEXT listener clients connect to
 * @param controllerPort the CONTROLLER listener of the KRaft quorum
 * @param directory the node's own directory: properties, data and log
 */
public record NodeSpec(int nodeId, int brokerPort, int controllerPort, Path directory) {

    /** The loopback address every listener binds to; never a wildcard address. */
    public static final String HOST = "127.0.0.1";

    /** @return the generated {@code server.properties} of this node */
    public Path propertiesFile() {
        return directory.resolve("server.properties");
    }

    /** @return Kafka's {@code log.dirs}: partitions and the metadata log */
    public Path dataDirectory() {
        return directory.resolve("data");
    }

    /** @return the file the child JVM's stdout and stderr are appended to */
    public Path logFile() {
        return directory.resolve("node.log");
    }

    /** @return {@code 127.0.0.1:brokerPort}, for {@code bootstrap.servers} */
    public String brokerAddress() {
        return HOST + ":" + brokerPort;
    }
}
