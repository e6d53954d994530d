package dev.lanes.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class HealthComponentsDefaultTest {

    private final HealthComponentsDefault defaults = new HealthComponentsDefault();

    @Test
    void healthListsItsComponentsWhenTheApplicationSaysNothing() {
        StandardEnvironment environment = new StandardEnvironment();

        defaults.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(HealthComponentsDefault.PROPERTY)).isEqualTo("always");
        assertThat(environment.getProperty("management.endpoint.health.show-details")).isNull();
    }

    @Test
    void theApplicationsOwnSettingWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application",
                Map.of(HealthComponentsDefault.PROPERTY, "never")));

        defaults.postProcessEnvironment(environment, new SpringApplication());
        defaults.postProcessEnvironment(environment, new SpringApplication()); // a second pass adds nothing

        assertThat(environment.getProperty(HealthComponentsDefault.PROPERTY)).isEqualTo("never");
        assertThat(environment.getPropertySources().stream().filter(s -> s.getName().equals("lanesDefaults")))
                .hasSize(1);
    }
}
