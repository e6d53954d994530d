package dev.lanes.spring;

import dev.lanes.LanesOptions;
import dev.lanes.RetryPolicy;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.springframework.beans.BeansException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Builds one listener's {@link LanesOptions} from, most specific first: the properties
 * {@code lanes.listeners.<id>.*}, the {@link LanesListener} attributes, the properties
 * {@code lanes.*}, and the option's default. Map options (consumer and dead-letter producer
 * properties) are merged in the reverse order, over the connection taken from Spring Kafka.
 *
 * <p>A value that cannot be read, or that {@code build()} refuses, becomes a
 * {@link LanesListenerException} naming the listener, the option and where the value came from.
 */
final class ListenerOptionsFactory {
    private final Binder environment;
    private final Map<String, Object> connection;
    private final BiFunction<String, Class<?>, Object> beans;

    /**
     * @param environment the application's properties
     * @param connection the Kafka consumer settings the application already uses (see {@link KafkaConnection})
     * @param beans finds a bean by name and type, for options that are objects
     */
    ListenerOptionsFactory(Binder environment, Map<String, Object> connection,
                           BiFunction<String, Class<?>, Object> beans) {
        this.environment = environment;
        this.connection = Map.copyOf(connection);
        this.beans = beans;
    }

    LanesOptions<Object, Object> create(ListenerAttributes attributes, Method method) {
        List<Layer> layers = List.of(
                new Layer(environment, OptionPropertyNames.PREFIX, Map.of()),
                new Layer(new Binder(new MapConfigurationPropertySource(attributes.properties())), "",
                        attributes.origins()),
                new Layer(environment, OptionPropertyNames.listenerPrefix(attributes.id()), Map.of()));
        LanesOptions.Builder<Object, Object> options = LanesOptions.builder();
        RetryPolicy.Builder retry = RetryPolicy.builder();
        options.consumerProperties(KafkaConnection.forListener(connection, attributes.id()));
        Map<String, String> origins = new HashMap<>();
        for (OptionSetter setter : OptionSetter.all()) {
            // Maps merge from the least specific layer up; other options take the most specific value.
            for (Layer layer : setter.isMap() ? layers : reversed(layers)) {
                BindResult<?> bound = layer.bind(setter, attributes.id(), method);
                if (bound.isBound()) {
                    Object value = bound.get();
                    if (setter.isBeanReference()) {
                        value = bean((String) value, setter, layer.origin(setter), attributes.id(), method);
                    }
                    setter.apply(options, retry, value);
                    origins.put(setter.option().name(), layer.origin(setter));
                    if (!setter.isMap()) {
                        break;
                    }
                }
            }
        }
        try {
            return options.retryPolicy(retry.build()).build();
        } catch (IllegalArgumentException refused) {
            throw new LanesListenerException(attributes.id(), method, refused.getMessage()
                    + originOf(refused.getMessage(), origins), refused);
        }
    }

    private Object bean(String name, OptionSetter setter, String origin, String id, Method method) {
        try {
            return beans.apply(name, setter.valueType());
        } catch (BeansException e) {
            throw new LanesListenerException(id, method, setter.option().name() + " names the bean '" + name
                    + "' (set by " + origin + "), but there is no bean of type "
                    + setter.valueType().getSimpleName() + " by that name", e);
        }
    }

    private static List<Layer> reversed(List<Layer> layers) {
        List<Layer> copy = new ArrayList<>(layers);
        Collections.reverse(copy);
        return copy;
    }

    /** Where the option a message starts with was set, when the message names one that was. */
    private static String originOf(String message, Map<String, String> origins) {
        return origins.entrySet().stream()
                .filter(entry -> message.startsWith(entry.getKey() + " "))
                .map(entry -> " (set by " + entry.getValue() + ")")
                .findFirst().orElse("");
    }

    /** One place options are read from: the environment under a prefix, or the annotation's attributes. */
    private record Layer(Binder binder, String prefix, Map<String, String> attributeOrigins) {
        BindResult<?> bind(OptionSetter setter, String id, Method method) {
            try {
                return binder.bind(name(setter), setter.bindable());
            } catch (BindException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new LanesListenerException(id, method, setter.option().name() + " cannot be read from "
                        + origin(setter) + ": " + cause.getMessage(), e);
            }
        }

        String origin(OptionSetter setter) {
            return prefix.isEmpty()
                    ? attributeOrigins.getOrDefault(OptionPropertyNames.of(setter.option()), "@LanesListener")
                    : name(setter);
        }

        private String name(OptionSetter setter) {
            String property = OptionPropertyNames.of(setter.option());
            return prefix.isEmpty() ? property : prefix + "." + property;
        }
    }
}
