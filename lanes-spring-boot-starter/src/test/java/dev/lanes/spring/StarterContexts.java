package dev.lanes.spring;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Application contexts for the starter's tests. */
final class StarterContexts {
    private StarterContexts() {
    }

    /**
     * Boot's Kafka auto-configuration and the starter's, with a broker address nothing listens on:
     * the listeners are built but not started ({@code lanes.auto-startup=false}).
     */
    static ApplicationContextRunner withoutBroker() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, LanesAutoConfiguration.class))
                .withPropertyValues("lanes.auto-startup=false", "spring.kafka.bootstrap-servers=127.0.0.1:9",
                        "spring.kafka.consumer.group-id=app-group");
    }
}
