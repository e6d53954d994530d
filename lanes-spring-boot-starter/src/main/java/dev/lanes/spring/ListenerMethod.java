package dev.lanes.spring;

import dev.lanes.AsyncRecordHandler;
import dev.lanes.LanesConsumer;
import dev.lanes.LanesRecord;
import dev.lanes.RecordHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.util.ReflectionUtils;

/**
 * A bean method annotated with {@link LanesListener}, checked at startup and called for each record:
 * with the {@link LanesRecord}, the Kafka {@link ConsumerRecord}, or the value alone, as its one
 * parameter asks; as an asynchronous handler when it returns a {@link CompletionStage}.
 *
 * @param bean the bean to call the method on (a proxy when the bean is proxied)
 * @param method the method, as callable on {@code bean}
 */
record ListenerMethod(String beanName, Object bean, Method method, LanesListener annotation) {

    /** Fails, naming the listener, when the method cannot be a handler. */
    void checkSignature(String listenerId) {
        if (method.getParameterCount() != 1) {
            throw new LanesListenerException(listenerId, method, "the method takes " + method.getParameterCount()
                    + " parameters; it must take one: the LanesRecord<K, V>, the ConsumerRecord<K, V>, or the value");
        }
    }

    boolean isAsync() {
        return CompletionStage.class.isAssignableFrom(method.getReturnType());
    }

    /** Starts {@code consumer} with this method as its handler. */
    void start(LanesConsumer<Object, Object> consumer) {
        if (isAsync()) {
            consumer.startAsync(asyncHandler());
        } else {
            consumer.start(blockingHandler());
        }
    }

    /** The handler of a method that does its work before it returns. */
    RecordHandler<Object, Object> blockingHandler() {
        Function<LanesRecord<Object, Object>, Object> argument = argument();
        ReflectionUtils.makeAccessible(method);
        return record -> invoke(argument.apply(record));
    }

    /** The handler of a method that returns a {@link CompletionStage}. */
    AsyncRecordHandler<Object, Object> asyncHandler() {
        Function<LanesRecord<Object, Object>, Object> argument = argument();
        ReflectionUtils.makeAccessible(method);
        return record -> {
            try {
                return (CompletionStage<?>) invoke(argument.apply(record));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ListenerMethodException(e);
            }
        };
    }

    private Function<LanesRecord<Object, Object>, Object> argument() {
        Class<?> parameter = method.getParameterTypes()[0];
        if (parameter == LanesRecord.class) {
            return record -> record;
        }
        if (parameter == ConsumerRecord.class) {
            return LanesRecord::consumerRecord;
        }
        return LanesRecord::value;
    }

    /** Calls the method; what it throws is rethrown as is, so that the failure policy sees it. */
    private Object invoke(Object argument) throws Exception {
        try {
            return method.invoke(bean, argument);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception thrown) {
                throw thrown;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** A checked exception thrown by an asynchronous listener method; its cause is what the method threw. */
    static final class ListenerMethodException extends RuntimeException {
        ListenerMethodException(Exception cause) {
            super(cause.toString(), cause);
        }
    }
}
