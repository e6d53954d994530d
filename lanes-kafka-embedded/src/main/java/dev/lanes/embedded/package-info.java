/**
 * A real Apache Kafka (KRaft) broker, or a cluster of them, on 127.0.0.1, for tests, demos and
 * the {@code lanes broker} command.
 *
 * <p>Each node runs in its own child JVM (so a test can {@linkplain
 * dev.lanes.embedded.EmbeddedKafka#crash(int) kill -9 it}), with free ports and a temporary data
 * directory. Children never outlive the JVM that started them. Start one with {@link
 * dev.lanes.embedded.EmbeddedKafka#builder()}, or let {@link
 * dev.lanes.embedded.EmbeddedKafkaExtension} manage it in a JUnit 5 test.
 *
 * <p>Everything under {@code dev.lanes.embedded.internal} is not API and may change.
 */
package dev.lanes.embedded;
