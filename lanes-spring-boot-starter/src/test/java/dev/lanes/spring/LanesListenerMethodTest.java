package dev.lanes.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.LanesRecord;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The signatures a {@link LanesListener} method may have, and what it is called with. */
class LanesListenerMethodTest {
    static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    static class Handlers {
        final List<Object> received = new ArrayList<>();

        void record(LanesRecord<String, String> record) {
            received.add(record);
        }

        void consumerRecord(ConsumerRecord<String, String> record) {
            received.add(record);
        }

        void value(String value) {
            received.add(value);
        }

        CompletionStage<Void> async(String value) {
            received.add(value);
            return DONE;
        }

        void throwsChecked(String value) throws IOException {
            throw new IOException("down: " + value);
        }

        CompletableFuture<Void> asyncThrowsChecked(String value) throws IOException {
            throw new IOException("down: " + value);
        }

        void two(String key, String value) {
        }

        void none() {
        }
    }

    private final Handlers handlers = new Handlers();
    private final ConsumerRecord<Object, Object> kafkaRecord = new ConsumerRecord<>("orders", 1, 42L, "k", "v");
    private final LanesRecord<Object, Object> record = new LanesRecord<>() {
        @Override
        public ConsumerRecord<Object, Object> consumerRecord() {
            return kafkaRecord;
        }

        @Override
        public int attempt() {
            return 1;
        }
    };

    private ListenerMethod method(String name) {
        Method method = Arrays.stream(Handlers.class.getDeclaredMethods())
                .filter(candidate -> candidate.getName().equals(name)).findFirst().orElseThrow();
        return new ListenerMethod("handlers", handlers, method, null);
    }

    @Test
    void theParameterSaysWhatTheMethodIsCalledWith() throws Exception {
        method("record").blockingHandler().handle(record);
        method("consumerRecord").blockingHandler().handle(record);
        method("value").blockingHandler().handle(record);
        assertThat(handlers.received).containsExactly(record, kafkaRecord, "v");
    }

    @Test
    void aMethodReturningACompletionStageIsAnAsynchronousHandler() {
        assertThat(method("async").isAsync()).isTrue();
        assertThat(method("value").isAsync()).isFalse();
        assertThat(method("async").asyncHandler().handle(record)).isSameAs(DONE);
        assertThat(handlers.received).containsExactly("v");
    }

    @Test
    void whatTheMethodThrowsReachesTheFailurePolicyAsItIs() {
        assertThatThrownBy(() -> method("throwsChecked").blockingHandler().handle(record))
                .isExactlyInstanceOf(IOException.class).hasMessage("down: v");
        assertThatThrownBy(() -> method("asyncThrowsChecked").asyncHandler().handle(record))
                .isInstanceOf(ListenerMethod.ListenerMethodException.class)
                .cause().isExactlyInstanceOf(IOException.class).hasMessage("down: v");
    }

    @Test
    void aMethodMustTakeOneParameter() {
        for (String name : List.of("two", "none")) {
            assertThatThrownBy(() -> method(name).checkSignature("orders"))
                    .isInstanceOf(LanesListenerException.class)
                    .hasMessageStartingWith("Lanes listener 'orders' (" + Handlers.class.getName() + "." + name + "): ")
                    .hasMessageContaining("it must take one: the LanesRecord<K, V>, the ConsumerRecord<K, V>, or the value");
        }
        method("value").checkSignature("orders");
    }
}
