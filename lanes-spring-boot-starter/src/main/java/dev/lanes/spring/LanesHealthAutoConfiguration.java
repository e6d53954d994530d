package dev.lanes.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * The {@code lanes} health contributor, when the application has Boot's health support (actuator);
 * {@code management.health.lanes.enabled=false} turns it off.
 */
@AutoConfiguration(after = LanesAutoConfiguration.class)
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(LanesListeners.class)
@ConditionalOnEnabledHealthIndicator("lanes")
public class LanesHealthAutoConfiguration {
    /** Named so that Boot lists it as {@code lanes}. */
    @Bean
    @ConditionalOnMissingBean(name = "lanesHealthContributor")
    LanesHealthContributor lanesHealthContributor(LanesListeners listeners) {
        return new LanesHealthContributor(listeners);
    }
}
