package dev.lanes.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.Ordering;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Bad configuration fails startup with one message naming the listener, the method and the option. */
class LanesListenerErrorsTest {
    private final ApplicationContextRunner runner = StarterContexts.withoutBroker();

    static class NoTopics {
        @LanesListener(id = "orders")
        void on(String value) {
        }
    }

    static class ZeroConcurrency {
        @LanesListener(id = "orders", topics = "orders", concurrency = "${orders.concurrency:0}")
        void on(String value) {
        }
    }

    static class WordConcurrency {
        @LanesListener(id = "orders", topics = "orders", concurrency = "many")
        void on(String value) {
        }
    }

    static class TwoParameters {
        @LanesListener(id = "orders", topics = "orders")
        void on(String key, String value) {
        }
    }

    static class BadId {
        @LanesListener(id = "orders.eu", topics = "orders")
        void on(String value) {
        }
    }

    static class SameIds {
        @LanesListener(id = "orders", topics = "a")
        void a(String value) {
        }

        @LanesListener(id = "orders", topics = "b")
        void b(String value) {
        }
    }

    static class UnknownOption {
        @LanesListener(id = "orders", topics = "orders", options = "maxConcurency=5")
        void on(String value) {
        }
    }

    static class TwoOrderings {
        @LanesListener(id = "orders", topics = "orders", ordering = {Ordering.KEY, Ordering.PARTITION})
        void on(String value) {
        }
    }

    static class Fine {
        @LanesListener(id = "orders", topics = "orders")
        void on(String value) {
        }
    }

    private static String where(Class<?> type) {
        return "Lanes listener 'orders' (" + type.getName() + ".on): ";
    }

    @Test
    void noSubscription() {
        runner.withBean(NoTopics.class).run(context -> failure(context)
                .hasMessageStartingWith(where(NoTopics.class))
                .hasMessageContaining("subscribe with either topics(...) or topicPattern(...)"));
    }

    @Test
    void aValueOutOfRangeNamesTheOptionTheRangeAndWhereItWasSet() {
        runner.withBean(ZeroConcurrency.class).run(context -> failure(context).hasMessage(where(ZeroConcurrency.class)
                + "maxConcurrency is 0; allowed: 1 to 1000000 (set by @LanesListener(concurrency))"));
        runner.withBean(ZeroConcurrency.class).withPropertyValues("orders.concurrency=8",
                "lanes.listeners.orders.max-concurrency=-1").run(context -> failure(context).hasMessage(
                where(ZeroConcurrency.class) + "maxConcurrency is -1; allowed: 1 to 1000000"
                        + " (set by lanes.listeners.orders.max-concurrency)"));
        runner.withBean(ZeroConcurrency.class).withPropertyValues("orders.concurrency=8",
                "lanes.retry.jitter=2").run(context -> failure(context).hasMessage(
                where(ZeroConcurrency.class) + "retry.jitter is 2.0; allowed: 0.0 to 1.0 (set by lanes.retry.jitter)"));
    }

    @Test
    void aValueThatIsNotANumber() {
        runner.withBean(WordConcurrency.class).run(context -> failure(context)
                .hasMessageStartingWith(where(WordConcurrency.class)
                        + "maxConcurrency cannot be read from @LanesListener(concurrency): ")
                .hasMessageContaining("many"));
    }

    @Test
    void aMethodWithTwoParameters() {
        runner.withBean(TwoParameters.class).run(context -> failure(context)
                .hasMessageStartingWith(where(TwoParameters.class) + "the method takes 2 parameters"));
    }

    @Test
    void anIdThatCannotNameProperties() {
        runner.withBean(BadId.class).run(context -> failure(context)
                .hasMessageContaining("the id 'orders.eu' may hold only letters, digits and '-'"));
    }

    @Test
    void twoListenersWithOneId() {
        runner.withBean(SameIds.class).run(context -> failure(context)
                .hasMessageContaining("another @LanesListener has the same id"));
    }

    @Test
    void anUnknownOption() {
        runner.withBean(UnknownOption.class).run(context -> failure(context)
                .hasMessage(where(UnknownOption.class) + "options has 'maxConcurency=5'; write name=value with the"
                        + " name of an option in docs/OPTIONS.md, e.g. handlerTimeout=30s"));
    }

    @Test
    void twoOrderings() {
        runner.withBean(TwoOrderings.class).run(context -> failure(context)
                .hasMessage(where(TwoOrderings.class) + "ordering names 2 orderings; give one: PARTITION, KEY or UNORDERED"));
    }

    @Test
    void anObjectOptionNamingNoBean() {
        runner.withBean(Fine.class).withPropertyValues("lanes.listeners.orders.retry.failure-handler=nope")
                .run(context -> failure(context).hasMessage(where(Fine.class) + "retry.failureHandler names the bean"
                        + " 'nope' (set by lanes.listeners.orders.retry.failure-handler), but there is no bean of type"
                        + " FailureHandler by that name"));
    }

    @Test
    void bootReportsTheProblemWithoutAStackTrace() {
        runner.withBean(ZeroConcurrency.class).run(context -> {
            LanesListenerException failure = listenerException(context);
            FailureAnalysis analysis = new LanesListenerFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo(failure.getMessage());
            assertThat(analysis.getAction()).contains("lanes.listeners.orders.*");
        });
    }

    /** The {@link LanesListenerException} that stopped the context. */
    private static AbstractThrowableAssert<?, ? extends Throwable> failure(AssertableApplicationContext context) {
        return assertThat(listenerException(context));
    }

    private static LanesListenerException listenerException(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof LanesListenerException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("a LanesListenerException in %s", context.getStartupFailure()).isNotNull();
        return (LanesListenerException) failure;
    }
}
