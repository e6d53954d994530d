package dev.lanes.spring;

import dev.lanes.LanesConsumer;

/**
 * Told of each {@link LanesListener}'s consumer after it is created and before it starts, e.g. to bind
 * its metrics or add a listener to it. Declare one as a bean; all of them are called, in their
 * {@link org.springframework.core.annotation.Order}.
 */
@FunctionalInterface
public interface LanesConsumerCustomizer {
    void customize(String listenerId, LanesConsumer<?, ?> consumer);
}
