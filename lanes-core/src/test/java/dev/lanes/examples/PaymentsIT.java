package dev.lanes.examples;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import dev.lanes.testkit.GuaranteeChecker;
import dev.lanes.testkit.Invocation;
import dev.lanes.testkit.InvocationJournal;
import dev.lanes.testkit.LaneOrder;
import dev.lanes.testkit.Outcome;
import dev.lanes.testkit.RecordId;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user's test with lanes-testkit: a real broker, a Lanes consumer, and the guarantee checker. */
class PaymentsIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    @Test
    void everyPaymentIsHandledInOrderPerCustomer() throws Exception {
        KAFKA.kafka().createTopic("payments", 6);
        Set<RecordId> produced = new HashSet<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KAFKA.kafka().producerProperties())) {
            for (int i = 0; i < 1_000; i++) {
                RecordMetadata sent = producer.send(
                        new ProducerRecord<>("payments", "customer-" + i % 50, "payment-" + i)).get();
                produced.add(new RecordId(sent.topic(), sent.partition(), sent.offset()));
            }
        }

        InvocationJournal journal = new InvocationJournal();
        LanesOptions<String, String> options = LanesOptions.<String, String>builder()
                .consumerProperties(KAFKA.kafka().consumerProperties("payment-service"))
                .topics("payments")
                .ordering(Ordering.KEY)
                .maxConcurrency(100)
                .build();
        try (LanesConsumer<String, String> lanes = LanesConsumer.create(options)) {
            lanes.start(record -> {
                long start = journal.started();
                Outcome outcome = Outcome.ERROR;
                try {
                    Thread.sleep(1); // the handler under test, e.g. payments.book(record.value())
                    outcome = Outcome.OK;
                } finally {
                    journal.ended(new Invocation(record.topic(), record.partition(), record.offset(),
                            record.key(), record.attempt(), start, System.nanoTime(), outcome, "a"));
                }
            });
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (journal.distinctRecordsEnded() < produced.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        GuaranteeChecker.of(journal.invocations())
                .assertAtLeastOnce(produced)            // every payment was handled
                .assertLaneOrder(LaneOrder.KEY)         // one at a time per customer, in offset order
                .assertNothingReplayed();               // no crash, no rebalance: none handled twice
    }
}
