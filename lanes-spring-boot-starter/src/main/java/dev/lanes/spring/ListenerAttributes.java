package dev.lanes.spring;

import dev.lanes.LanesOption;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * What one {@link LanesListener} annotation says, with its placeholders resolved: the listener's id,
 * and the options it sets as properties (named as under {@code lanes.}, e.g. {@code max-concurrency}),
 * each with the attribute it came from for error messages. Attributes left empty set nothing.
 */
record ListenerAttributes(String id, Map<String, String> properties, Map<String, String> origins) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]+");
    private static final String CONSUMER_PROPERTIES = OptionPropertyNames.of(LanesOption.CONSUMER_PROPERTIES);

    /**
     * @param resolve resolves {@code ${...}} placeholders
     * @throws LanesListenerException for an id that cannot name properties, an unknown option, or
     *     more than one ordering
     */
    static ListenerAttributes of(LanesListener annotation, String beanName, Method method,
                                 UnaryOperator<String> resolve) {
        String id = resolve.apply(annotation.id());
        if (id.isEmpty()) {
            id = (beanName + "-" + method.getName()).replaceAll("[^A-Za-z0-9-]", "-");
        } else if (!ID.matcher(id).matches()) {
            throw new LanesListenerException(id, method, "the id '" + id + "' may hold only letters, digits and"
                    + " '-', since it names the properties lanes.listeners.<id>.*");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        Attributes attributes = new Attributes(properties, origins, resolve);
        attributes.put(LanesOption.TOPICS, "topics", Arrays.stream(annotation.topics()).map(resolve)
                .filter(topic -> !topic.isEmpty()).collect(Collectors.joining(",")));
        attributes.put(LanesOption.TOPIC_PATTERN, "topicPattern", annotation.topicPattern());
        if (annotation.ordering().length > 1) {
            throw new LanesListenerException(id, method, "ordering names " + annotation.ordering().length
                    + " orderings; give one: PARTITION, KEY or UNORDERED");
        }
        if (annotation.ordering().length == 1) {
            attributes.put(LanesOption.ORDERING, "ordering", annotation.ordering()[0].name());
        }
        attributes.put(LanesOption.MAX_CONCURRENCY, "concurrency", annotation.concurrency());
        attributes.put(LanesOption.RETRY_MAX_ATTEMPTS, "maxAttempts", annotation.maxAttempts());
        attributes.put(LanesOption.RETRY_DEAD_LETTER_TOPIC, "deadLetterTopic", annotation.deadLetterTopic());
        String groupId = resolve.apply(annotation.groupId());
        if (!groupId.isEmpty()) {
            String key = CONSUMER_PROPERTIES + "." + ConsumerConfig.GROUP_ID_CONFIG;
            properties.put(key, groupId);
            origins.put(key, "@LanesListener(groupId)");
        }
        for (String option : annotation.options()) {
            attributes.putOption(id, method, resolve.apply(option));
        }
        return new ListenerAttributes(id, Map.copyOf(properties), Map.copyOf(origins));
    }

    private record Attributes(Map<String, String> properties, Map<String, String> origins,
                              UnaryOperator<String> resolve) {
        void put(LanesOption<?> option, String attribute, String value) {
            String resolved = resolve.apply(value);
            if (!resolved.isEmpty()) {
                String key = OptionPropertyNames.of(option);
                properties.put(key, resolved);
                origins.put(key, "@LanesListener(" + attribute + ")");
            }
        }

        void putOption(String id, Method method, String assignment) {
            int equals = assignment.indexOf('=');
            String name = equals < 0 ? assignment : assignment.substring(0, equals).trim();
            if (equals < 0 || LanesOption.all().stream().noneMatch(option -> option.name().equals(name))) {
                throw new LanesListenerException(id, method, "options has '" + assignment + "'; write name=value"
                        + " with the name of an option in docs/OPTIONS.md, e.g. handlerTimeout=30s");
            }
            String key = OptionPropertyNames.of(name);
            properties.put(key, assignment.substring(equals + 1).trim());
            origins.put(key, "@LanesListener(options)");
        }
    }
}
