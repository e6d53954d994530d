package dev.lanes.spring;

import dev.lanes.LanesConsumer;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Runs the application's {@link LanesListener} methods: each gets a Lanes consumer connected as the
 * application's Spring Kafka consumers are ({@code spring.kafka.*}), with Lanes' options from the
 * {@code lanes.*} properties, started and stopped with the application context.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(LanesConsumer.class)
public class LanesAutoConfiguration {
    /** Whether the listeners start with the context ({@code lanes.auto-startup}, default true). */
    static final String AUTO_STARTUP = OptionPropertyNames.PREFIX + ".auto-startup";

    @Bean
    static LanesListenerAnnotationProcessor lanesListenerAnnotationProcessor() {
        return new LanesListenerAnnotationProcessor();
    }

    @Bean
    LanesListeners lanesListeners(LanesListenerAnnotationProcessor processor,
                                  ConfigurableListableBeanFactory beanFactory, Environment environment,
                                  ObjectProvider<ConsumerFactory<?, ?>> consumerFactory,
                                  ObjectProvider<KafkaProperties> kafkaProperties,
                                  ObjectProvider<LanesConsumerCustomizer> customizers) {
        Binder binder = Binder.get(environment);
        // Read when the listeners are built, after every singleton exists, and only if there are any.
        Supplier<ListenerOptionsFactory> options = () -> new ListenerOptionsFactory(binder,
                KafkaConnection.of(consumerFactory, kafkaProperties), beanFactory::getBean);
        return new LanesListeners(processor, options, value -> {
            String resolved = beanFactory.resolveEmbeddedValue(value);
            return resolved == null ? "" : resolved.trim();
        }, customizers.orderedStream().toList(), binder.bind(AUTO_STARTUP, Boolean.class).orElse(true));
    }
}
