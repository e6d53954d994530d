package dev.lanes.spring;

import dev.lanes.LanesConsumer;
import java.lang.reflect.Proxy;
import java.util.Map;

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
}
