package dev.lanes.spring;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesStats;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link LanesConsumer} that only answers the calls health makes, with the given values: a proxy,
 * so that it keeps compiling as the interface grows.
 */
final class FakeConsumers {
    private FakeConsumers() {
    }

    static LanesConsumer<?, ?> answering(Map<String, Object> answers) {
        return (LanesConsumer<?, ?>) Proxy.newProxyInstance(LanesConsumer.class.getClassLoader(),
                new Class<?>[] {LanesConsumer.class}, (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                });
    }

    /** A consumer whose termination is {@code termination} and whose every stat is {@code stat}. */
    static LanesConsumer<?, ?> terminating(CompletableFuture<Void> termination, long stat) {
        return answering(Map.of("termination", termination, "stats", LanesStats.of(metric -> stat)));
    }
}
