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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An asynchronous handler keeps 10,000 records in flight on four worker threads. */
class AsyncHandlerIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final int LIMIT = 10_000;

    @Test
    void tenThousandStagesInFlightOnAHandfulOfThreads() throws Exception {
        Set<RecordId> written = TestTopic.produce(KAFKA.kafka(), "async", 12, 40_000, 1_000);
        InvocationJournal journal = new InvocationJournal();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        ScheduledExecutorService io = Executors.newScheduledThreadPool(2);
        try (LanesConsumer<String, String> lanes = LanesConsumer.create(LanesOptions.<String, String>builder()
                .consumerProperties(KAFKA.kafka().consumerProperties("group-async"))
                .topics("async")
                .ordering(Ordering.UNORDERED)
                .maxConcurrency(LIMIT)
                .maxBufferedRecords(3 * LIMIT)
                .executor(workers)
                .build())) {
            lanes.startAsync(record -> {
                long start = journal.started();
                CompletableFuture<Void> done = new CompletableFuture<>();
                io.schedule(() -> {
                    journal.ended(Handlers.invocation(record, "a", start, true));
                    done.complete(null);
                }, 300, TimeUnit.MILLISECONDS);
                return done;
            });
            await().atMost(Duration.ofMinutes(2)).until(() -> journal.distinctRecordsEnded() >= written.size());
        } finally {
            workers.shutdown();
            io.shutdown();
        }
        assertThat(journal.peakInFlight()).isEqualTo(LIMIT);
        GuaranteeChecker.of(journal.invocations()).assertAtLeastOnce(written);
    }
}
