package dev.lanes.guarantees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesException;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.FailureAction;
import dev.lanes.RetryPolicy;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import dev.lanes.testkit.GuaranteeChecker;
import dev.lanes.testkit.Invocation;
import dev.lanes.testkit.InvocationJournal;
import dev.lanes.testkit.LaneOrder;
import dev.lanes.testkit.Outcome;
import dev.lanes.testkit.RecordId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One instance against a real broker: every record handled, order kept per lane, the concurrency
 * limit never passed, with and without failing handlers.
 */
class EngineGuaranteesIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final int PARTITIONS = 12;
    private static final int KEYS = 1_000;
    private static final int CONCURRENCY = 200;

    @ParameterizedTest
    @EnumSource(Ordering.class)
    void hundredThousandRecordsWithRandomLatency(Ordering ordering) {
        String topic = "guarantees-" + ordering;
        Set<RecordId> written = TestTopic.produce(KAFKA.kafka(), topic, PARTITIONS, 100_000, KEYS);

        List<Invocation> invocations = run(topic, ordering, written, 0.0);

        GuaranteeChecker.of(invocations)
                .assertAtLeastOnce(written)
                .assertLaneOrder(LaneOrder.valueOf(ordering.name()))
                .assertNothingReplayed(); // no rebalance, no crash: nothing twice
    }

    @ParameterizedTest
    @EnumSource(Ordering.class)
    void fivePercentOfAttemptsFail(Ordering ordering) {
        String topic = "failures-" + ordering;
        Set<RecordId> written = TestTopic.produce(KAFKA.kafka(), topic, PARTITIONS, 30_000, KEYS);

        List<Invocation> invocations = run(topic, ordering, written, 0.05);

        assertThat(invocations.stream().filter(i -> i.outcome() == Outcome.ERROR).count()).as("failed attempts")
                .isGreaterThan(500);
        GuaranteeChecker.of(invocations).assertAtLeastOnce(written).assertLaneOrder(LaneOrder.valueOf(ordering.name()));
    }

    @Test
    void aRecordThatExhaustsItsAttemptsStopsTheConsumerAndIsNotLost() throws Exception {
        String topic = "poison";
        TestTopic.produce(KAFKA.kafka(), topic, 3, 3_000, 100);
        LanesOptions<String, String> options = LanesOptions.<String, String>builder()
                .consumerProperties(KAFKA.kafka().consumerProperties("group-" + topic))
                .topics(topic)
                .ordering(Ordering.PARTITION)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(5))
                        .onExhausted(FailureAction.STOP).build())
                .build();
        LanesConsumer<String, String> lanes = LanesConsumer.create(options);
        lanes.start(record -> {
            if (record.partition() == 0 && record.offset() == 100) {
                throw new IllegalStateException("poison");
            }
        });
        CompletableFuture<Void> termination = lanes.termination().toCompletableFuture();
        assertThatThrownBy(() -> termination.get(1, TimeUnit.MINUTES))
                .hasCauseInstanceOf(LanesException.class)
                .hasMessageContaining("poison-0@100").hasMessageContaining("maxAttempts=3");
        lanes.close();
        try (Admin admin = Admin.create(
                KAFKA.kafka().adminProperties())) {
            var committed = admin.listConsumerGroupOffsets("group-" + topic).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            var partition0 = committed.get(new TopicPartition(topic, 0));
            assertThat(partition0 == null ? 0 : partition0.offset()).as("committed offset of partition 0")
                    .isLessThanOrEqualTo(100);
        }
    }

    private static List<Invocation> run(String topic, Ordering ordering, Set<RecordId> written, double failRate) {
        InvocationJournal journal = new InvocationJournal();
        LanesOptions<String, String> options = LanesOptions.<String, String>builder()
                .consumerProperties(KAFKA.kafka().consumerProperties("group-" + topic))
                .topics(topic)
                .ordering(ordering)
                .maxConcurrency(CONCURRENCY)
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(50))
                        .build())
                .build();
        try (LanesConsumer<String, String> lanes = LanesConsumer.create(options)) {
            lanes.start(Handlers.simulatedIo(journal, "a", 1_000, failRate));
            await().atMost(Duration.ofMinutes(3)).until(() -> journal.distinctRecordsEnded() >= written.size());
        }
        assertThat(journal.peakInFlight()).as("handler invocations at once").isLessThanOrEqualTo(CONCURRENCY);
        return journal.invocations();
    }
}
