package dev.lanes.guarantees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import dev.lanes.testkit.GuaranteeChecker;
import dev.lanes.testkit.InvocationJournal;
import dev.lanes.testkit.RecordId;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On Java 17 (no virtual threads), an asynchronous handler with Lanes' own executor keeps 5,000
 * records in flight on a few platform threads, not one per record (issue 10). Runs in its own
 * failsafe execution on a JDK 17 (see run-tests and lanes-core's pom).
 */
class AsyncThreadsOnJava17IT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final int IN_FLIGHT = 5_000;

    @Test
    void fiveThousandStagesInFlightOnAFewPlatformThreads() {
        assertThat(Runtime.version().feature()).as("this test is about Java 17").isEqualTo(17);
        Set<RecordId> written = TestTopic.produce(KAFKA.kafka(), "async17", 6, 2 * IN_FLIGHT, 1_000);
        InvocationJournal journal = new InvocationJournal();
        CopyOnWriteArrayList<Runnable> pending = new CopyOnWriteArrayList<>();
        AtomicInteger peakWorkerThreads = new AtomicInteger();
        try (LanesConsumer<String, String> lanes = LanesConsumer.create(LanesOptions.<String, String>builder()
                .consumerProperties(KAFKA.kafka().consumerProperties("group-async17"))
                .topics("async17")
                .ordering(Ordering.UNORDERED)
                .maxConcurrency(IN_FLIGHT)
                .maxBufferedRecords(3 * IN_FLIGHT)
                .build())) {
            lanes.startAsync(record -> {
                long start = journal.started();
                CompletableFuture<Void> done = new CompletableFuture<>();
                // Completed by the test once IN_FLIGHT stages are out: a slow downstream.
                pending.add(() -> {
                    journal.ended(Handlers.invocation(record, "a", start, true));
                    done.complete(null);
                });
                peakWorkerThreads.accumulateAndGet(workerThreads(), Math::max);
                return done;
            });
            await().atMost(Duration.ofMinutes(1)).until(() -> journal.peakInFlight() >= IN_FLIGHT);
            assertThat(workerThreads()).as("threads with %d records in flight", IN_FLIGHT)
                    .isLessThanOrEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                for (Runnable complete : pending) {
                    pending.remove(complete);
                    complete.run();
                }
                return journal.distinctRecordsEnded() >= written.size();
            });
        }
        assertThat(journal.peakInFlight()).isEqualTo(IN_FLIGHT);
        assertThat(peakWorkerThreads.get()).isLessThanOrEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
        GuaranteeChecker.of(journal.invocations()).assertAtLeastOnce(written);
    }

    private static int workerThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("lanes-worker-")).count();
    }
}
