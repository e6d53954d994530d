package dev.lanes.cli;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The consumer properties of a group that the bench and the demo create for one run: it starts
 * at the earliest offset (it has no committed offsets), and nothing is committed automatically
 * (a plain loop that needs no commits, or commits itself; Lanes commits by itself). Stateless.
 */
public final class NewGroupProperties {

    private NewGroupProperties() {
    }

    /** @return a new, mutable map, for callers that add their own properties */
    public static Map<String, Object> of(KafkaClients clients, String group) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The user's properties over these defaults, but each run's group is its own.
        props = clients.groupConsumerProperties(props);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        return props;
    }
}
