package dev.lanes.spring;

import dev.lanes.micrometer.LanesMetrics;
import dev.lanes.micrometer.LanesMetricsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Binds each listener's consumer to the application's {@link MeterRegistry} (Boot's, with the
 * actuator) through {@code lanes-micrometer}, before it starts: every meter of docs/METRICS.md,
 * tagged {@code listener=<id>}. Without a registry bean nothing is bound.
 */
@AutoConfiguration(after = LanesAutoConfiguration.class)
@ConditionalOnClass({LanesMetrics.class, MeterRegistry.class})
public class LanesMetricsAutoConfiguration {
    /** The tag that tells the listeners' meters apart. */
    static final String LISTENER_TAG = "listener";

    @Bean
    LanesConsumerCustomizer lanesMetricsBinder(ObjectProvider<MeterRegistry> registry) {
        // Looked up when the listeners are built, once every singleton (the registry too) exists.
        return (id, consumer) -> registry.ifAvailable(meters -> LanesMetrics.bind(consumer, meters,
                LanesMetricsConfig.builder().tag(LISTENER_TAG, id).build()));
    }
}
