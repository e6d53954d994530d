package dev.lanes.spring;

import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * The {@code lanes} health contributor: one {@link ListenerHealthIndicator} per {@link LanesListener},
 * named by its id ({@code /actuator/health/lanes/orders}). Read at each call, so it shows the
 * listeners built after it was created.
 */
public class LanesHealthContributor implements CompositeHealthContributor {
    private final LanesListeners listeners;

    public LanesHealthContributor(LanesListeners listeners) {
        this.listeners = listeners;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return listeners.consumer(name).map(ListenerHealthIndicator::new).orElse(null);
    }

    @Override
    public Stream<Entry> stream() {
        return listeners.consumers().entrySet().stream()
                .map(entry -> new Entry(entry.getKey(), new ListenerHealthIndicator(entry.getValue())));
    }
}
