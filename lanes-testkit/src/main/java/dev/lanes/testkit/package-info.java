/**
 * For tests of code that uses Lanes: record the handler's invocations with an {@link
 * dev.lanes.testkit.InvocationJournal}, then let the {@link dev.lanes.testkit.GuaranteeChecker}
 * check Lanes' guarantees on them (at least once, order per lane, no overlap within a lane,
 * bounded replay). The real broker to run against comes with this module's dependency
 * {@code lanes-kafka-embedded}: {@link dev.lanes.embedded.EmbeddedKafkaExtension}.
 *
 * <p>Nothing here depends on {@code lanes-core}: an invocation is plain data (topic, partition,
 * offset, key, attempt, start, end, outcome), so the kit checks any run that can be described
 * that way, including one journaled by another process.
 */
package dev.lanes.testkit;
