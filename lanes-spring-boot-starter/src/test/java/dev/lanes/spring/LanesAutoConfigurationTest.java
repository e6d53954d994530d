package dev.lanes.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.FailureAction;
import dev.lanes.FailureHandler;
import dev.lanes.LanesOptions;
import dev.lanes.LanesRecord;
import dev.lanes.Ordering;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The auto-configuration against Boot's Kafka auto-configuration, without a broker: the listeners
 * are built but not started ({@code lanes.auto-startup=false}), and their options are checked.
 */
class LanesAutoConfigurationTest {
    private final ApplicationContextRunner runner = StarterContexts.withoutBroker();

    static class Orders {
        @LanesListener(id = "orders", topics = "orders", groupId = "orders-app", ordering = Ordering.PARTITION,
                concurrency = "${orders.concurrency:200}")
        void on(LanesRecord<String, String> record) {
        }

        @LanesListener(topics = {"a", "${more.topic:b}"}, deadLetterTopic = "a.dlt", maxAttempts = "3",
                options = {"handlerTimeout=30s", "retry.initialBackoff=5ms"})
        void values(String value) {
        }

        @LanesListener(id = "all-orders", topicPattern = "orders-.*", ordering = Ordering.UNORDERED)
        void pattern(String value) {
        }
    }

    @Configuration
    static class OrdersConfig {
        @Bean
        Orders orderListener() {
            return new Orders();
        }
    }

    @Test
    void annotationAttributesSetTheOptionsAndPlaceholdersAreResolved() {
        runner.withUserConfiguration(OrdersConfig.class).withPropertyValues("more.topic=c").run(context -> {
            LanesListeners listeners = context.getBean(LanesListeners.class);
            assertThat(listeners.ids()).containsExactlyInAnyOrder("orders", "orderListener-values", "all-orders");
            assertThat(listeners.options("all-orders").orElseThrow().topicPattern()).hasValueSatisfying(
                    pattern -> assertThat(pattern.pattern()).isEqualTo("orders-.*"));
            LanesOptions<?, ?> orders = listeners.options("orders").orElseThrow();
            assertThat(orders.topics()).containsExactly("orders");
            assertThat(orders.ordering()).isEqualTo(Ordering.PARTITION);
            assertThat(orders.maxConcurrency()).isEqualTo(200);
            assertThat(orders.consumerProperties()).containsEntry("group.id", "orders-app");
            LanesOptions<?, ?> values = listeners.options("orderListener-values").orElseThrow();
            assertThat(values.topics()).containsExactly("a", "c");
            assertThat(values.retryPolicy().deadLetterTopic()).contains("a.dlt");
            assertThat(values.retryPolicy().onExhausted()).isEqualTo(FailureAction.DEAD_LETTER);
            assertThat(values.retryPolicy().maxAttempts()).isEqualTo(3);
            assertThat(values.retryPolicy().initialBackoff()).isEqualTo(Duration.ofMillis(5));
            assertThat(values.handlerTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(values.consumerProperties()).containsEntry("group.id", "app-group");
        });
    }

    @Test
    void lanesPropertiesAreDefaultsThatAttributesAndListenerPropertiesOverride() {
        runner.withUserConfiguration(OrdersConfig.class).withPropertyValues("lanes.max-concurrency=7",
                "lanes.ordering=UNORDERED", "lanes.close-timeout=5s", "lanes.listeners.orders.ordering=KEY",
                "lanes.listeners.orderListener-values.maxConcurrency=9",
                "lanes.listeners.orders.consumer-properties.max.poll.records=17").run(context -> {
            LanesListeners listeners = context.getBean(LanesListeners.class);
            LanesOptions<?, ?> orders = listeners.options("orders").orElseThrow();
            assertThat(orders.maxConcurrency()).as("the attribute over lanes.*").isEqualTo(200);
            assertThat(orders.ordering()).as("lanes.listeners.orders.* over the attribute").isEqualTo(Ordering.KEY);
            assertThat(orders.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(orders.consumerProperties()).containsEntry("max.poll.records", "17");
            LanesOptions<?, ?> values = listeners.options("orderListener-values").orElseThrow();
            assertThat(values.maxConcurrency()).isEqualTo(9);
            assertThat(values.ordering()).as("lanes.* over the default").isEqualTo(Ordering.UNORDERED);
            assertThat(values.consumerProperties()).doesNotContainKey("max.poll.records");
        });
    }

    @Test
    void theConnectionComesFromSpringKafka() {
        runner.withUserConfiguration(OrdersConfig.class).withPropertyValues(
                "spring.kafka.consumer.auto-offset-reset=earliest", "spring.kafka.client-id=shop",
                "spring.kafka.consumer.enable-auto-commit=true", "spring.kafka.properties.request.timeout.ms=1234",
                "spring.kafka.security.protocol=SSL").run(context -> {
            LanesOptions<?, ?> orders = context.getBean(LanesListeners.class).options("orders").orElseThrow();
            assertThat(orders.consumerProperties())
                    .containsEntry("bootstrap.servers", List.of("127.0.0.1:9"))
                    .containsEntry("auto.offset.reset", "earliest")
                    .containsEntry("request.timeout.ms", "1234")
                    .containsEntry("security.protocol", "SSL")
                    .containsEntry("client.id", "shop-orders")
                    .containsEntry("enable.auto.commit", "false")
                    .containsKeys("key.deserializer", "value.deserializer");
        });
    }

    @Configuration
    static class FailureHandlerConfig {
        static final FailureHandler HANDLER = (failure, planned) -> planned;

        @Bean
        FailureHandler ordersFailures() {
            return HANDLER;
        }
    }

    @Test
    void anOptionThatIsAnObjectNamesABean() {
        runner.withUserConfiguration(OrdersConfig.class, FailureHandlerConfig.class)
                .withPropertyValues("lanes.retry.failure-handler=ordersFailures").run(context -> {
                    LanesOptions<?, ?> orders = context.getBean(LanesListeners.class).options("orders").orElseThrow();
                    assertThat(orders.retryPolicy().failureHandler()).containsSame(FailureHandlerConfig.HANDLER);
                });
    }

    @Test
    void withoutListenersNothingIsReadFromKafka() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LanesAutoConfiguration.class))
                .run(context -> assertThat(context.getBean(LanesListeners.class).ids()).isEmpty());
    }
}
