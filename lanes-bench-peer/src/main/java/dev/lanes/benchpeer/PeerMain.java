package dev.lanes.benchpeer;

import io.confluent.parallelconsumer.ParallelConsumerOptions;
import io.confluent.parallelconsumer.ParallelConsumerOptions.CommitMode;
import io.confluent.parallelconsumer.ParallelConsumerOptions.ProcessingOrder;
import io.confluent.parallelconsumer.ParallelStreamProcessor;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The peer of {@code lanes bench --peer confluent-pc}: Confluent's Parallel Consumer 0.5.3.3 on
 * kafka-clients 3.9, in its own JVM, for one case. Reads a part of the topic once unmeasured
 * (warm-up, its own group), then the whole topic with a fresh group until it saw every record
 * (distinct partition and offset), and prints one line on stdout:
 * {@code PEER-RESULT {"counted":…,"recordsPerSecond":…,…}}. Logs go to stderr.
 *
 * <p>Arguments, each {@code NAME=VALUE}: {@code topic}, {@code records}, {@code ordering}
 * (UNORDERED, KEY, PARTITION), {@code concurrency}, {@code sleepMs}, {@code timeoutMs},
 * {@code warmupRecords}, and any number of {@code consumer.PROPERTY=VALUE} (the Kafka consumer's
 * properties, group and bootstrap included).
 *
 * <p>Configuration, as Parallel Consumer's README recommends for throughput: commit mode
 * {@code PERIODIC_CONSUMER_ASYNCHRONOUS}, {@code maxConcurrency} = the case's concurrency, the
 * ordering of the case; the rest at its defaults.
 */
public final class PeerMain {

    static final String RESULT_PREFIX = "PEER-RESULT ";

    private PeerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        Map<String, Object> consumer = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected NAME=VALUE, got " + arg);
            }
            String name = arg.substring(0, eq);
            if (name.startsWith("consumer.")) {
                consumer.put(name.substring("consumer.".length()), arg.substring(eq + 1));
            } else {
                a.put(name, arg.substring(eq + 1));
            }
        }
        String topic = required(a, "topic");
        long records = Long.parseLong(required(a, "records"));
        ProcessingOrder ordering = ProcessingOrder.valueOf(required(a, "ordering"));
        int concurrency = Integer.parseInt(required(a, "concurrency"));
        long sleepMs = Long.parseLong(a.getOrDefault("sleepMs", "0"));
        long timeoutMs = Long.parseLong(required(a, "timeoutMs"));
        long warmupRecords = Long.parseLong(a.getOrDefault("warmupRecords", "0"));
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");

        Sampler sampler = new Sampler();
        if (warmupRecords > 0) {
            Map<String, Object> warm = new HashMap<>(consumer);
            warm.put(ConsumerConfig.GROUP_ID_CONFIG, consumer.get(ConsumerConfig.GROUP_ID_CONFIG) + "-warmup");
            Run w = run(warm, topic, Math.min(warmupRecords, records), ordering, concurrency, sleepMs,
                    Math.min(timeoutMs, 30_000));
            System.err.printf(Locale.ROOT, "peer warm-up (not reported): %d records%n", w.seen.count());
            System.gc();
            Thread.sleep(200);
        }
        sampler.start();
        long cpuBefore = processCpuNanos();
        Run run = run(consumer, topic, records, ordering, concurrency, sleepMs, timeoutMs);
        double cpu = (processCpuNanos() - cpuBefore) / 1e9;
        sampler.stop();
        long counted = run.done ? records : run.seen.count();
        long first = run.seen.firstNanos();
        double seconds = (run.endNanos - (first == 0 ? run.startNanos : first)) / 1e9;
        StringBuilder out = new StringBuilder("{");
        out.append("\"counted\":").append(counted);
        out.append(",\"recordsPerSecond\":").append(fmt(counted / Math.max(seconds, 1e-9)));
        out.append(",\"wallSeconds\":").append(fmt((run.endNanos - run.startNanos) / 1e9));
        out.append(",\"peakHeapUsedMiB\":").append(fmt(sampler.peakHeap / (1024.0 * 1024)));
        out.append(",\"peakRssMiB\":").append(fmt(sampler.peakRssKb / 1024.0));
        out.append(",\"vmHwmMiB\":").append(fmt(procStatusKb("VmHWM") / 1024.0));
        out.append(",\"cpuSeconds\":").append(fmt(cpu));
        out.append(",\"note\":").append(run.done ? "null" : "\"TIMEOUT after " + counted + "\"");
        out.append(",\"detail\":\"").append(String.format(Locale.ROOT,
                "confluent-pc 0.5.3.3 ordering=%s maxConcurrency=%d commitMode=PERIODIC_CONSUMER_ASYNCHRONOUS"
                        + " close=%.2fs", ordering, concurrency, run.closeSeconds)).append('"');
        out.append('}');
        System.out.println(RESULT_PREFIX + out);
        System.out.flush();
        // Parallel Consumer's threads must not keep the JVM alive.
        System.exit(0);
    }

    private static final class Run {
        Seen seen;
        boolean done;
        long startNanos;
        long endNanos;
        double closeSeconds;
    }

    private static Run run(Map<String, Object> props, String topic, long records, ProcessingOrder ordering,
                           int concurrency, long sleepMs, long timeoutMs) throws InterruptedException {
        Seen seen = new Seen(records);
        KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        ParallelConsumerOptions<byte[], byte[]> options = ParallelConsumerOptions.<byte[], byte[]>builder()
                .consumer(kafka)
                .ordering(ordering)
                .maxConcurrency(concurrency)
                .commitMode(CommitMode.PERIODIC_CONSUMER_ASYNCHRONOUS)
                .build();
        ParallelStreamProcessor<byte[], byte[]> pc = ParallelStreamProcessor.createEosStreamProcessor(options);
        Run run = new Run();
        run.seen = seen;
        run.startNanos = System.nanoTime();
        pc.subscribe(List.of(topic));
        pc.poll(context -> {
            if (sleepMs > 0) {
                try {
                    Thread.sleep(sleepMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            context.forEach(r -> seen.add(r.partition(), r.offset()));
        });
        run.done = seen.await(timeoutMs);
        run.endNanos = run.done ? seen.doneNanos() : System.nanoTime();
        long closeStart = System.nanoTime();
        try {
            pc.closeDontDrainFirst(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            System.err.println("peer: close failed: " + e);
        }
        run.closeSeconds = (System.nanoTime() - closeStart) / 1e9;
        return run;
    }

    /** Distinct (partition, offset) pairs seen; done at {@code needed}. Thread-safe. */
    private static final class Seen {
        private final long needed;
        private final ConcurrentHashMap<Integer, java.util.BitSet> byPartition = new ConcurrentHashMap<>();
        private final AtomicLong count = new AtomicLong();
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile long firstNanos;
        private volatile long doneNanos;

        Seen(long needed) {
            this.needed = needed;
        }

        void add(int partition, long offset) {
            if (firstNanos == 0) {
                firstNanos = System.nanoTime();
            }
            java.util.BitSet bits = byPartition.computeIfAbsent(partition, p -> new java.util.BitSet());
            boolean fresh;
            synchronized (bits) {
                fresh = !bits.get((int) offset);
                if (fresh) {
                    bits.set((int) offset);
                }
            }
            if (fresh && count.incrementAndGet() == needed) {
                doneNanos = System.nanoTime();
                done.countDown();
            }
        }

        boolean await(long ms) throws InterruptedException {
            return done.await(ms, TimeUnit.MILLISECONDS);
        }

        long count() {
            return count.get();
        }

        long firstNanos() {
            return firstNanos;
        }

        long doneNanos() {
            return doneNanos;
        }
    }

    /**
     * Peak heap used and RSS, every 100 ms, on a daemon thread: a small copy of lanes-cli's
     * MemorySampler, which this module cannot use (neither is on the other's class path).
     */
    private static final class Sampler {
        volatile long peakHeap;
        volatile long peakRssKb;
        private volatile boolean running = true;
        private Thread thread;

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "peer-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
            sample();
        }

        private void sample() {
            Runtime rt = Runtime.getRuntime();
            peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
            peakRssKb = Math.max(peakRssKb, procStatusKb("VmRSS"));
        }
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
    }

    private static long procStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }

    private static String required(Map<String, String> a, String name) {
        String v = a.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name + "=VALUE");
        }
        return v;
    }

}
