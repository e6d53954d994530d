package dev.lanes.cli.bench;

import dev.lanes.cli.KafkaClients;
import dev.lanes.LanesConsumer;
import dev.lanes.LanesOptions;
import dev.lanes.LanesStats;
import dev.lanes.RecordHandler;
import dev.lanes.cli.NewGroupProperties;
import dev.lanes.cli.ProcessCpu;
import dev.lanes.cli.SeenRecords;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A Lanes case of {@code lanes bench}: the engine with default options except the ordering (and
 * {@code maxConcurrency} in the sleep cases), a fresh group, a handler that notes each record in
 * {@link SeenRecords} (after sleeping, in the sleep cases); stops when it saw the records it
 * needed, then closes the consumer. Runs on the command's thread; the engine's workers run the
 * handler.
 */
final class LanesCase {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final BenchWorkload workload;
    private final long[] endOffsets;

    LanesCase(KafkaClients clients, BenchWorkload workload, long[] endOffsets) {
        this.clients = clients;
        this.workload = workload;
        this.endOffsets = endOffsets.clone();
    }

    CaseRun run(BenchCase benchCase, String topic) throws InterruptedException {
        long needed = workload.needed(benchCase);
        long sleepMs = benchCase.sleeps() ? workload.sleepMs() : 0;
        SeenRecords seen = new SeenRecords(endOffsets, needed);
        RecordHandler<byte[], byte[]> handler = sleepMs > 0
                ? record -> {
                    Thread.sleep(sleepMs);
                    seen.add(record.partition(), record.offset());
                }
                : record -> seen.add(record.partition(), record.offset());
        LanesConsumer<byte[], byte[]> lanes = LanesConsumer.create(options(benchCase, topic));
        long start = System.nanoTime();
        lanes.start(handler);
        boolean done = seen.await(workload.timeout().toMillis());
        long end = done ? seen.doneNanos() : System.nanoTime();
        LanesStats stats = lanes.stats();
        double pollerCpu = ProcessCpu.threadSeconds("lanes-poller-");
        long closeStart = System.nanoTime();
        lanes.close(CLOSE_TIMEOUT);
        String detail = String.format(Locale.ROOT, "polled=%d ended=%d commits=%d commitFailures=%d"
                        + " metadataOverflows=%d pollerCpu=%.2fs close=%.2fs", stats.polledRecords(),
                stats.endedRecords(), stats.commits(), stats.commitFailures(), stats.metadataOverflows(),
                pollerCpu, (System.nanoTime() - closeStart) / 1e9);
        if (sleepMs > 0) {
            double actualMs = measuredSleepMs(sleepMs);
            detail += String.format(Locale.ROOT, " sleep(%d) takes %.3f ms here (ideal at that: %.3f"
                    + " of nominal)", sleepMs, actualMs, sleepMs / actualMs);
        }
        // Done: the rate is that of the records needed; the workers may have noted a few more since.
        long counted = done ? needed : seen.count();
        return CaseRun.of(start, seen.firstNanos(), end, counted, done ? null : "TIMEOUT after " + counted,
                detail);
    }

    private LanesOptions<byte[], byte[]> options(BenchCase benchCase, String topic) {
        Map<String, Object> props = NewGroupProperties.of(clients,
                benchCase.caseName() + "-" + System.nanoTime());
        props.putAll(workload.consumerOverrides());
        LanesOptions.Builder<byte[], byte[]> options = LanesOptions.<byte[], byte[]>builder()
                .consumerProperties(props)
                .keyDeserializer(new ByteArrayDeserializer())
                .valueDeserializer(new ByteArrayDeserializer())
                .topics(topic)
                .ordering(benchCase.ordering());
        if (benchCase.sleeps()) {
            options.maxConcurrency(workload.concurrency());
        }
        if (workload.maxBatchSize() != null) {
            options.maxBatchSize(workload.maxBatchSize());
        }
        if (workload.maxBufferedRecords() != null) {
            options.maxBufferedRecords(workload.maxBufferedRecords());
        }
        return options.build();
    }

    /**
     * The mean real duration of {@code Thread.sleep(ms)}: the sleeping handler's floor. Measured
     * on this (platform) thread: the CLI is compiled for Java 17; the engine's virtual threads
     * sleep about as long.
     */
    private static double measuredSleepMs(long ms) throws InterruptedException {
        int n = (int) Math.max(5, Math.min(100, 1000 / ms));
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Thread.sleep(ms);
        }
        return (System.nanoTime() - start) / 1e6 / n;
    }
}
