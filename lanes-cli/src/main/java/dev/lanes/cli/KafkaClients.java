package dev.lanes.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a command's Kafka clients connect: the user's {@code --bootstrap} and the client
 * properties of {@code --command-config} and {@code --property} ({@link ClientProperties}).
 * Every client a command makes (admin, consumer, producer, the Lanes consumer and its dead-letter
 * producer) takes its properties from {@link #properties}, so security settings, {@code client.id}
 * and timeouts reach them all. Immutable; any thread.
 *
 * <p>Precedence, lowest first: the command's own defaults, the user's properties, then
 * {@code --bootstrap} (an explicit option of the command line names the cluster).
 */
public final class KafkaClients {

    private final String bootstrap;
    private final Map<String, String> user;
    /** The group.protocol of group consumers, or null for Kafka's default (not yet chosen). */
    private final String groupProtocol;

    private KafkaClients(String bootstrap, Map<String, String> user, String groupProtocol) {
        this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
        this.user = Map.copyOf(user);
        this.groupProtocol = groupProtocol;
    }

    /** Clients with no user properties (tests). */
    public static KafkaClients to(String bootstrap) {
        return new KafkaClients(bootstrap, Map.of(), null);
    }

    public static KafkaClients to(String bootstrap, Map<String, String> userProperties) {
        return new KafkaClients(bootstrap, userProperties, null);
    }

    /** These clients, whose group consumers use this protocol ({@link GroupProtocol#choose}). */
    public KafkaClients withGroupProtocol(String protocol) {
        return new KafkaClients(bootstrap, user, protocol);
    }

    /** @return the group.protocol chosen for group consumers, or null when none was chosen */
    public String groupProtocol() {
        return groupProtocol;
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** The user's properties, as given (file, then {@code --property} on top). */
    public Map<String, String> userProperties() {
        return user;
    }

    /** Whether the user set this property. */
    public boolean userSets(String name) {
        return user.containsKey(name);
    }

    /**
     * @param defaults the command's own settings for this client
     * @return a new, mutable map: defaults, the user's properties over them, and the bootstrap servers
     */
    public Map<String, Object> properties(Map<String, ?> defaults) {
        Map<String, Object> props = new HashMap<>(defaults);
        props.putAll(user);
        props.put("bootstrap.servers", bootstrap);
        return props;
    }

    /**
     * The properties of a consumer that joins a group: {@link #properties}, with the chosen
     * {@code group.protocol} unless the user set one. Nothing here sets a property the consumer
     * protocol refuses (session or heartbeat timeouts, assignors): the broker owns those.
     */
    public Map<String, Object> groupConsumerProperties(Map<String, ?> defaults) {
        Map<String, Object> props = properties(defaults);
        if (groupProtocol != null && !user.containsKey("group.protocol")) {
            props.put("group.protocol", groupProtocol);
        }
        return props;
    }

    /**
     * The user's properties for a Lanes consumer's dead-letter producer
     * ({@code RetryPolicy.deadLetterProducerProperties}): all of them, so producer-only settings
     * reach it too, but not {@code client.id}, which the engine derives from the consumer's
     * ({@code <client.id>-dead-letters}) so the two clients stay apart on the broker.
     */
    public Map<String, Object> deadLetterProducerProperties() {
        Map<String, Object> props = new LinkedHashMap<>(user);
        props.remove("client.id");
        return props;
    }
}
