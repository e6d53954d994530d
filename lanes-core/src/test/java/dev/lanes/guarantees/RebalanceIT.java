package dev.lanes.guarantees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import dev.lanes.testkit.GuaranteeChecker;
import dev.lanes.testkit.Invocation;
import dev.lanes.testkit.InvocationJournal;
import dev.lanes.testkit.LaneOrder;
import dev.lanes.testkit.RecordId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Instances join and leave a group mid-run, under the classic protocol (eager and cooperative
 * assignors) and KIP-848's consumer protocol: nothing lost, order kept per key across owners, and
 * since every revocation drains and commits, nothing handled twice.
 */
class RebalanceIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final int RECORDS = 80_000;

    @ParameterizedTest
    @ValueSource(strings = {"classic-eager", "classic-cooperative", "consumer"})
    void instancesJoinAndLeaveMidRun(String protocol) {
        String topic = "rebalance-" + protocol;
        Set<RecordId> written = TestTopic.produce(KAFKA.kafka(), topic, 12, RECORDS, 500);
        InvocationJournal journal = new InvocationJournal();

        LanesConsumer<String, String> a = start(protocol, topic, journal, "a");
        awaitWork(journal, "a");
        LanesConsumer<String, String> b = start(protocol, topic, journal, "b");
        awaitWork(journal, "b");
        LanesConsumer<String, String> c = start(protocol, topic, journal, "c");
        awaitWork(journal, "c");
        a.close();
        assertThat(journal.distinctRecordsEnded()).as("a left mid-run").isLessThan(RECORDS);
        await().atMost(Duration.ofMinutes(2)).until(() -> journal.distinctRecordsEnded() >= RECORDS);
        b.close();
        c.close();

        List<Invocation> invocations = journal.invocations();
        assertThat(invocations).extracting(Invocation::instance).contains("a", "b", "c");
        GuaranteeChecker.of(invocations)
                .assertAtLeastOnce(written)
                .assertLaneOrder(LaneOrder.KEY)
                .assertNothingReplayed();
    }

    /** Waits until the instance has handled a share of the records: it is in the group and owns partitions. */
    private static void awaitWork(InvocationJournal journal, String instance) {
        await().atMost(Duration.ofMinutes(1)).until(() -> journal.invocations().stream()
                .filter(invocation -> invocation.instance().equals(instance)).count() >= 1_000);
    }

    private static LanesConsumer<String, String> start(String protocol, String topic, InvocationJournal journal, String name) {
        Map<String, Object> props = KAFKA.kafka().consumerProperties("group-" + topic);
        switch (protocol) {
            case "classic-eager" -> {
                props.put("group.protocol", "classic");
                props.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor");
            }
            case "classic-cooperative" -> {
                props.put("group.protocol", "classic");
                props.put("partition.assignment.strategy",
                        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
            }
            default -> props.put("group.protocol", "consumer");
        }
        props.put("client.id", topic + "-" + name);
        LanesConsumer<String, String> lanes = LanesConsumer.create(LanesOptions.<String, String>builder()
                .consumerProperties(props)
                .topics(topic)
                .ordering(Ordering.KEY)
                .maxConcurrency(8)
                .build());
        lanes.start(Handlers.simulatedIo(journal, name, 4_000, 0));
        return lanes;
    }
}
