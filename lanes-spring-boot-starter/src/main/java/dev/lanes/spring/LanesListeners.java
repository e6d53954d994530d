package dev.lanes.spring;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

/**
 * The Lanes consumers of the application's {@link LanesListener} methods, one per method: created
 * once every singleton exists (bad configuration fails startup there), started and stopped as a
 * {@link SmartLifecycle} in a late phase, as Spring Kafka's listener containers are.
 *
 * <p><b>Why a lifecycle phase.</b> Starting in {@link #PHASE}, near the end of the context's refresh,
 * the handlers' beans all exist; stopping in the same phase, first on shutdown, the consumers drain,
 * commit and leave their groups before any other lifecycle (the web server's graceful shutdown
 * included) stops and before any bean is destroyed. Each consumer is given its {@code closeTimeout}
 * ({@code lanes.close-timeout}); they close in parallel. The stop is synchronous on purpose: Spring
 * stops waiting for an asynchronous one after {@code spring.lifecycle.timeout-per-shutdown-phase}
 * (30s, as long as the default {@code closeTimeout}) and would go on destroying the beans the
 * handlers still use, so Lanes' own timeout is the one that bounds the drain.
 *
 * <p>A consumer that stops on a fatal error ({@code termination()} completes exceptionally) is logged
 * at ERROR and shows DOWN in the {@code lanes} health contributor; the others keep running.
 */
public final class LanesListeners implements SmartInitializingSingleton, SmartLifecycle {
    /** Spring Kafka's containers' phase: after the web server starts, before it stops. */
    public static final int PHASE = Integer.MAX_VALUE - 100;
    private static final Logger log = LoggerFactory.getLogger(LanesListeners.class);

    private final LanesListenerAnnotationProcessor processor;
    private final Supplier<ListenerOptionsFactory> optionsFactory;
    private final UnaryOperator<String> placeholders;
    private final List<LanesConsumerCustomizer> customizers;
    private final boolean autoStartup;
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private volatile boolean running;
    private volatile boolean stopped;

    private record Listener(ListenerMethod method, LanesOptions<Object, Object> options,
                            LanesConsumer<Object, Object> consumer) {
    }

    LanesListeners(LanesListenerAnnotationProcessor processor, Supplier<ListenerOptionsFactory> optionsFactory,
                   UnaryOperator<String> placeholders, List<LanesConsumerCustomizer> customizers, boolean autoStartup) {
        this.processor = processor;
        this.optionsFactory = optionsFactory;
        this.placeholders = placeholders;
        this.customizers = List.copyOf(customizers);
        this.autoStartup = autoStartup;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<ListenerMethod> methods = processor.methods();
        if (methods.isEmpty()) {
            return;
        }
        ListenerOptionsFactory factory = optionsFactory.get();
        for (ListenerMethod method : methods) {
            ListenerAttributes attributes = ListenerAttributes.of(method.annotation(), method.beanName(),
                    method.method(), placeholders);
            if (listeners.containsKey(attributes.id())) {
                throw new LanesListenerException(attributes.id(), method.method(), "another @LanesListener has the"
                        + " same id (" + listeners.get(attributes.id()).method().method() + "); give each its own id");
            }
            method.checkSignature(attributes.id());
            LanesOptions<Object, Object> options = factory.create(attributes, method.method());
            LanesConsumer<Object, Object> consumer = LanesConsumer.create(options);
            customizers.forEach(customizer -> customizer.customize(attributes.id(), consumer));
            listeners.put(attributes.id(), new Listener(method, options, consumer));
        }
    }

    /** The listeners' ids: by bean creation, then in the order the JVM lists a class's methods. */
    public List<String> ids() {
        return List.copyOf(listeners.keySet());
    }

    /** The consumer of the listener with this id, for its stats or health. */
    public Optional<LanesConsumer<?, ?>> consumer(String id) {
        Listener listener = listeners.get(id);
        return listener == null ? Optional.empty() : Optional.of(listener.consumer());
    }

    /** The options the listener with this id runs with. */
    public Optional<LanesOptions<?, ?>> options(String id) {
        Listener listener = listeners.get(id);
        return listener == null ? Optional.empty() : Optional.of(listener.options());
    }

    @Override
    public void start() {
        if (running || stopped) {
            // A Lanes consumer starts once; after a stop its group membership and buffers are gone.
            if (stopped) {
                log.warn("Lanes listeners do not start again after they stopped; restart the application");
            }
            return;
        }
        listeners.forEach((id, listener) -> {
            listener.method().start(listener.consumer());
            listener.consumer().termination().whenComplete((done, failure) -> {
                if (failure != null) {
                    log.error("Lanes listener '{}' stopped on a fatal error; it consumes nothing until the"
                            + " application restarts", id, failure);
                }
            });
            log.info("Lanes listener '{}' started: {} with ordering {} and at most {} in flight", id,
                    listener.options().topicPattern().map(Object::toString)
                            .orElse(String.join(",", listener.options().topics())),
                    listener.options().ordering(), listener.options().maxConcurrency());
        });
        running = true;
    }

    /** Closes every consumer at once, each within its {@code closeTimeout}, and returns when all are closed. */
    @Override
    public void stop() {
        running = false;
        stopped = true;
        List<Thread> closing = new ArrayList<>();
        listeners.forEach((id, listener) -> {
            Duration timeout = listener.options().closeTimeout();
            Thread thread = new Thread(() -> listener.consumer().close(timeout), "lanes-close-" + id);
            thread.start();
            closing.add(thread);
        });
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!listeners.isEmpty()) {
            log.info("Lanes listeners closed: {}", String.join(", ", listeners.keySet()));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** For the health contributor: every listener's consumer by id. */
    Map<String, LanesConsumer<?, ?>> consumers() {
        Map<String, LanesConsumer<?, ?>> consumers = new LinkedHashMap<>();
        listeners.forEach((id, listener) -> consumers.put(id, listener.consumer()));
        return Collections.unmodifiableMap(consumers);
    }
}
