package dev.lanes.embedded.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to start, as validated by the public builder. Immutable; any thread.
 *
 * @param nodes how many nodes, each a broker and a controller
 * @param brokerPort the broker port of node 0 (the others follow it), or 0 for free ports
 * @param brokerProperties the user's broker properties, applied over the defaults
 * @param jvmOptions the user's options for the node JVMs, applied after the defaults
 * @param startupTimeout how long a node may take to start or restart
 */
public record ClusterSettings(int nodes, int brokerPort, Map<String, String> brokerProperties,
                              List<String> jvmOptions, Duration startupTimeout) {

    /** Copies the collections so the settings stay immutable. */
    public ClusterSettings {
        brokerProperties = Map.copyOf(brokerProperties);
        jvmOptions = List.copyOf(jvmOptions);
    }
}
