package dev.lanes.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;

/** Each listener's meters land in the application's registry, tagged with the listener's id. */
class LanesMetricsAutoConfigurationTest {
    static class Orders {
        @LanesListener(id = "orders", topics = "orders")
        void on(String value) {
        }
    }

    @Test
    void theListenersMetersAreInTheApplicationsRegistry() {
        StarterContexts.withoutBroker()
                .withConfiguration(AutoConfigurations.of(LanesMetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(Orders.class)
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find("lanes.records.ended").tag("listener", "orders").meters())
                            .isNotEmpty();
                    assertThat(registry.find("lanes.partitions.assigned").tag("listener", "orders").gauge())
                            .isNotNull();
                });
    }

    @Test
    void withoutARegistryNothingIsBound() {
        StarterContexts.withoutBroker()
                .withConfiguration(AutoConfigurations.of(LanesMetricsAutoConfiguration.class))
                .withBean(Orders.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MeterRegistry.class));
    }
}
