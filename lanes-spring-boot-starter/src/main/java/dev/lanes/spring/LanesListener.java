package dev.lanes.spring;

import dev.lanes.Ordering;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated bean method on every record of the given topics, with one Lanes consumer per
 * method, started when the application context has started and closed (drained, committed, out of
 * the group) when it stops.
 *
 * <pre>{@code
 * @LanesListener(topics = "orders", groupId = "orders-app", ordering = Ordering.KEY, concurrency = "200")
 * void on(LanesRecord<String, String> record) { ... }
 * }</pre>
 *
 * <p>The method takes one parameter: a {@link dev.lanes.LanesRecord}, a Kafka
 * {@link org.apache.kafka.clients.consumer.ConsumerRecord}, or the value alone. It may return a
 * {@link java.util.concurrent.CompletionStage}: it is then an asynchronous handler, and the record
 * ends when the stage completes. Throwing (or a stage completing exceptionally) is a failed attempt,
 * retried or given up by the failure policy.
 *
 * <p>Every String attribute may be a property placeholder, e.g. {@code "${orders.concurrency:200}"}.
 * An attribute left out falls back to the {@code lanes.*} properties, then to the option's default.
 * The properties {@code lanes.listeners.<id>.*} override both, so operators can tune one listener
 * without a code change. docs/SPRING.md lists every property.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LanesListener {

    /**
     * The listener's id: names its consumer in logs, health and metrics, and its properties
     * {@code lanes.listeners.<id>.*}. Letters, digits and {@code -}. Default: the bean name and
     * the method name, joined by {@code -}.
     */
    String id() default "";

    /** The topics to subscribe to ({@code topics}); exactly one of this and {@link #topicPattern()}. */
    String[] topics() default {};

    /** Subscribes to every topic whose name matches this regular expression ({@code topicPattern}). */
    String topicPattern() default "";

    /** The consumer group; default {@code spring.kafka.consumer.group-id}. */
    String groupId() default "";

    /**
     * The order to keep ({@code ordering}); an array only so that it can be left out, give at most
     * one. Default: {@code lanes.ordering}, else {@link Ordering#KEY}.
     */
    Ordering[] ordering() default {};

    /** The most handler invocations in flight at once ({@code maxConcurrency}), e.g. {@code "200"}. */
    String concurrency() default "";

    /** How many attempts a record gets, 0 for no limit ({@code retry.maxAttempts}), e.g. {@code "5"}. */
    String maxAttempts() default "";

    /**
     * The dead-letter topic for records given up ({@code retry.deadLetterTopic}); setting it makes
     * {@code retry.onExhausted} default to {@code DEAD_LETTER}.
     */
    String deadLetterTopic() default "";

    /**
     * Any other option, as {@code name=value} with the option's name as in docs/OPTIONS.md, e.g.
     * {@code "handlerTimeout=30s"} or {@code "retry.onExhausted=STOP"}.
     */
    String[] options() default {};
}
