package dev.lanes.spring;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code /actuator/health} list its components' statuses (not their details) unless the
 * application says otherwise, so that {@code lanes} and each listener's UP or DOWN are visible
 * with no configuration: Boot's own default shows the overall status alone, and answers 404 for
 * {@code /actuator/health/lanes}. The property source is the last one, so any setting of
 * {@code management.endpoint.health.show-components} by the application wins; details (stuck
 * records, keys) stay behind {@code show-details}, which this leaves alone.
 */
public final class HealthComponentsDefault implements EnvironmentPostProcessor {

    static final String PROPERTY = "management.endpoint.health.show-components";
    static final String SOURCE = "lanesDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(SOURCE)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(PROPERTY, "always")));
        }
    }
}
