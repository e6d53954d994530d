package dev.lanes.bench;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.RecordHandler;
import dev.lanes.embedded.EmbeddedKafka;
import dev.lanes.internal.BenchProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * End-to-end throughput of Lanes against a plain {@link KafkaConsumer} poll loop, on one embedded
 * broker, in one run (DESIGN.md: always a ratio against a plain consumer measured in the same run).
 *
 * <p>Produces {@code --records} records of {@code --value-bytes} bytes to a topic of
 * {@code --partitions} partitions, keys cycling over {@code --keys} keys, then runs the cases:
 * <ul>
 *   <li>{@code plain}: a KafkaConsumer with byte[] deserializers, all partitions assigned, seek to
 *       beginning, polls and counts records until it counted them all;
 *   <li>{@code noop-unordered}, {@code noop-partition}, {@code noop-key}: Lanes, default options
 *       but the ordering, a fresh group, a handler that does nothing but note the record; stops
 *       when the handler has seen every record once;
 *   <li>{@code sleep-unordered}, {@code sleep-key} ({@code --sleep-records}, maxConcurrency
 *       {@code --concurrency}) and {@code sleep-partition} ({@code --sleep-partition-records}):
 *       a handler that sleeps {@code --sleep-ms}; compared with the ideal
 *       {@code min(concurrency, lanes) / sleep}.
 * </ul>
 * Before the cases, a plain consumer reads the whole topic once, unmeasured ({@code --no-warmup}
 * skips it). Rates count from the first record seen to the last needed one (so group joins do not count;
 * the wall time including the join is reported too). Heap (peak used, and peak after GC) and RSS
 * are sampled every 100 ms during each case.
 *
 * <p>Run (after {@code ./mvnw -B -q -pl lanes-benchmarks -am package -DskipTests}):
 * <pre>
 * java -Xmx1g -cp 'lanes-benchmarks/target/lanes-benchmarks-0.1.0-SNAPSHOT.jar:lanes-benchmarks/target/lib/*' \
 *     dev.lanes.bench.EndToEndBenchmark [--records 2000000] [--cases plain,noop-unordered,...] [--json out.json]
 * </pre>
 * {@code --help} lists every option.
 */
public final class EndToEndBenchmark {

    private static final List<String> ALL_CASES = List.of("plain", "noop-unordered", "noop-partition", "noop-key",
            "sleep-unordered", "sleep-key", "sleep-partition");

    private final Settings settings;
    private final MemorySampler memory = new MemorySampler();
    private final List<Result> results = new ArrayList<>();
    private String bootstrap;
    private EmbeddedKafka kafka;
    private long[] endOffsets;

    private EndToEndBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        if (settings == null) {
            return;
        }
        new EndToEndBenchmark(settings).run();
    }

    private void run() throws Exception {
        memory.start();
        System.out.println(machine());
        if (settings.bootstrap != null) {
            bootstrap = settings.bootstrap;
        } else {
            log("starting an embedded broker");
            kafka = EmbeddedKafka.builder().nodes(1).start();
            bootstrap = kafka.bootstrapServers();
            log("broker " + bootstrap + " pid " + kafka.pid(0).orElse(-1));
        }
        try {
            String topic = "bench-" + System.currentTimeMillis();
            produce(topic);
            if (settings.warmup) {
                // Reads the topic once, unmeasured: JIT-compiles the client's fetch path and warms the
                // broker's page cache, so the first measured case is not penalized.
                Result warm = plain(topic);
                log("warm-up (not reported): " + warm);
            }
            double plainRate = Double.NaN;
            for (String name : settings.cases) {
                Result result = runCase(name, topic);
                if (name.equals("plain")) {
                    plainRate = result.rate;
                }
                result.ratio = result.ideal > 0 ? result.rate / result.ideal
                        : name.equals("plain") ? 1.0 : result.rate / plainRate;
                results.add(result);
                log(result.toString());
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
            memory.stop();
        }
        printTable();
        if (settings.json != null) {
            Files.writeString(settings.json, json(), StandardCharsets.UTF_8);
            log("wrote " + settings.json);
        }
    }

    // ---- producing ----

    private void produce(String topic) throws Exception {
        if (kafka != null) {
            kafka.createTopic(topic, settings.partitions);
        } else {
            Map<String, Object> admin = new HashMap<>();
            admin.put("bootstrap.servers", bootstrap);
            try (org.apache.kafka.clients.admin.Admin client = org.apache.kafka.clients.admin.Admin.create(admin)) {
                client.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, settings.partitions,
                        (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 32L << 20); // fits a -Xmx256m run
        byte[][] keys = new byte[settings.keys][];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = ("key-" + k).getBytes(StandardCharsets.UTF_8);
        }
        byte[] value = new byte[settings.valueBytes];
        Arrays.fill(value, (byte) 'x');
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < settings.records; i++) {
                producer.send(new ProducerRecord<>(topic, keys[(int) (i % keys.length)], value));
            }
            producer.flush();
            List<PartitionInfo> infos = producer.partitionsFor(topic);
            endOffsets = new long[infos.size()];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        try (KafkaConsumer<byte[], byte[]> consumer = plainConsumer("end-offsets")) {
            List<TopicPartition> partitions = partitions(topic);
            consumer.endOffsets(partitions).forEach((tp, end) -> endOffsets[tp.partition()] = end);
        }
        long total = Arrays.stream(endOffsets).sum();
        log(String.format(Locale.ROOT, "produced %,d records of %d B (%d keys) to %s (%d partitions) in %.1f s; "
                + "end offsets sum %,d", settings.records, settings.valueBytes, settings.keys, topic,
                settings.partitions, seconds, total));
        if (total != settings.records) {
            throw new IllegalStateException("expected " + settings.records + " records, the topic holds " + total);
        }
    }

    // ---- cases ----

    private Result runCase(String name, String topic) throws Exception {
        System.gc();
        Thread.sleep(200);
        memory.reset();
        long selfCpu = processCpuTicks(ProcessHandle.current().pid());
        long brokerPid = kafka == null ? -1 : kafka.pid(0).orElse(-1);
        long brokerCpu = processCpuTicks(brokerPid);
        Result result;
        switch (name) {
            case "plain":
                result = plain(topic);
                break;
            case "noop-unordered":
                result = lanes(name, topic, Ordering.UNORDERED, 0, settings.records, 0);
                break;
            case "noop-partition":
                result = lanes(name, topic, Ordering.PARTITION, 0, settings.records, 0);
                break;
            case "noop-key":
                result = lanes(name, topic, Ordering.KEY, 0, settings.records, 0);
                break;
            case "sleep-unordered":
                result = lanes(name, topic, Ordering.UNORDERED, settings.concurrency,
                        Math.min(settings.sleepRecords, settings.records), settings.sleepMs);
                break;
            case "sleep-key":
                result = lanes(name, topic, Ordering.KEY, settings.concurrency,
                        Math.min(settings.sleepRecords, settings.records), settings.sleepMs);
                break;
            case "sleep-partition":
                result = lanes(name, topic, Ordering.PARTITION, settings.concurrency,
                        Math.min(settings.sleepPartitionRecords, settings.records), settings.sleepMs);
                break;
            default:
                throw new IllegalArgumentException("unknown case " + name);
        }
        result.benchCpuSeconds = (processCpuTicks(ProcessHandle.current().pid()) - selfCpu) / 100.0;
        result.brokerCpuSeconds = brokerPid < 0 ? Double.NaN : (processCpuTicks(brokerPid) - brokerCpu) / 100.0;
        MemorySampler.Peaks peaks = memory.peaks();
        result.peakHeapUsedMiB = peaks.heapUsed() / (1024.0 * 1024);
        result.peakHeapAfterGcMiB = peaks.heapAfterGc() / (1024.0 * 1024);
        result.peakRssMiB = peaks.rss() / 1024.0;
        result.vmHwmMiB = MemorySampler.procStatusKb("VmHWM") / 1024.0;
        return result;
    }

    /** utime + stime of a process in clock ticks (USER_HZ, 100 on Linux), or 0 when unknown. */
    private static long processCpuTicks(long pid) {
        if (pid < 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU seconds used so far by the live threads whose name starts with {@code prefix}. */
    private static double threadCpuSeconds(String prefix) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(prefix)) {
                nanos += Math.max(0, threads.getThreadCpuTime(thread.threadId()));
            }
        }
        return nanos / 1e9;
    }

    private Result plain(String topic) {
        Result result = new Result("plain", settings.records);
        try (KafkaConsumer<byte[], byte[]> consumer = plainConsumer("plain-" + System.nanoTime())) {
            List<TopicPartition> partitions = partitions(topic);
            long start = System.nanoTime();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            long first = 0;
            long polls = 0;
            while (count < settings.records) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                polls++;
                if (!records.isEmpty() && first == 0) {
                    first = System.nanoTime();
                }
                count += records.count();
                if (System.nanoTime() - start > settings.timeout.toNanos()) {
                    result.note = "TIMEOUT after " + count;
                    break;
                }
            }
            long end = System.nanoTime();
            result.finish(start, first, end, count);
            result.detail = String.format(Locale.ROOT, "pollThreadCpu=%.2fs ",
                    java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9)
                    + "polls=" + polls + " records/poll=" + (count / Math.max(1, polls));
        }
        return result;
    }

    private Result lanes(String name, String topic, Ordering ordering, int concurrency, long needed, long sleepMs)
            throws Exception {
        Result result = new Result(name, needed);
        Seen seen = new Seen(endOffsets, needed);
        RecordHandler<byte[], byte[]> handler = sleepMs > 0
                ? record -> {
                    Thread.sleep(sleepMs);
                    seen.add(record.consumerRecord().partition(), record.consumerRecord().offset());
                }
                : record -> seen.add(record.consumerRecord().partition(), record.consumerRecord().offset());
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, name + "-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putAll(settings.consumerOverrides);
        LanesOptions.Builder<byte[], byte[]> options = LanesOptions.<byte[], byte[]>builder()
                .consumerProperties(props)
                .keyDeserializer(new ByteArrayDeserializer())
                .valueDeserializer(new ByteArrayDeserializer())
                .topics(topic)
                .ordering(ordering);
        if (concurrency > 0) {
            options.maxConcurrency(concurrency);
        }
        settings.lanesOverrides.apply(options);
        LongAdder batches = new LongAdder();
        LongAdder batchRecords = new LongAdder();
        ExecutorService probeExecutor = null;
        if (settings.probeBatches) {
            // Same as the default on Java 21+: a virtual thread per batch.
            probeExecutor = Executors.newVirtualThreadPerTaskExecutor();
            options.executor(BenchProbe.countingBatches(probeExecutor, batches, batchRecords));
        }
        LanesConsumer<byte[], byte[]> lanes = LanesConsumer.create(options.build());
        long start = System.nanoTime();
        lanes.start(handler);
        boolean done = seen.done.await(settings.timeout.toMillis(), TimeUnit.MILLISECONDS);
        long end = done ? seen.doneNanos : System.nanoTime();
        result.finish(start, seen.firstNanos.get(), end, seen.count.get());
        if (!done) {
            result.note = "TIMEOUT after " + seen.count.get();
        }
        long closeStart = System.nanoTime();
        String stats = BenchProbe.stats(lanes) + String.format(Locale.ROOT, " pollerCpu=%.2fs",
                threadCpuSeconds("lanes-poller-"));
        lanes.close(Duration.ofSeconds(30));
        result.detail = stats + String.format(Locale.ROOT, " close=%.2fs", (System.nanoTime() - closeStart) / 1e9)
                + (settings.probeBatches ? String.format(Locale.ROOT, " batches=%d records/batch=%.1f",
                batches.sum(), batchRecords.sum() / (double) Math.max(1, batches.sum())) : "");
        if (probeExecutor != null) {
            probeExecutor.shutdown();
        }
        if (sleepMs > 0) {
            double actualMs = measuredSleepMs(sleepMs);
            result.detail += String.format(Locale.ROOT, " sleep(%d) on a virtual thread takes %.3f ms"
                    + " (ideal at that: %.3f of nominal)", sleepMs, actualMs, sleepMs / actualMs);
            int lanesAvailable = ordering == Ordering.PARTITION ? settings.partitions
                    : ordering == Ordering.KEY ? settings.keys : Integer.MAX_VALUE;
            result.ideal = Math.min(concurrency, lanesAvailable) * 1000.0 / sleepMs;
        }
        return result;
    }

    /** The mean real duration of {@code Thread.sleep(ms)} on a virtual thread: the handler's floor. */
    private static double measuredSleepMs(long ms) throws InterruptedException {
        double[] mean = new double[1];
        Thread thread = Thread.ofVirtual().start(() -> {
            int n = 100;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    return;
                }
            }
            mean[0] = (System.nanoTime() - start) / 1e6 / n;
        });
        thread.join();
        return mean[0];
    }

    private KafkaConsumer<byte[], byte[]> plainConsumer(String group) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putAll(settings.consumerOverrides);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private List<TopicPartition> partitions(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < settings.partitions; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        return partitions;
    }

    // ---- output ----

    private void printTable() {
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "%-16s %10s %12s %8s %8s %10s %10s %10s %10s %9s",
                "case", "records", "rec/s", "ratio", "vs", "wall s", "heap MiB", "heapGC MiB", "RSS MiB", "HWM MiB"));
        for (Result r : results) {
            System.out.println(String.format(Locale.ROOT, "%-16s %,10d %,12.0f %8.3f %8s %10.2f %10.1f %10.1f %10.1f %9.1f%s",
                    r.name, r.counted, r.rate, r.ratio, r.ideal > 0 ? "ideal" : "plain", r.wallSeconds,
                    r.peakHeapUsedMiB, r.peakHeapAfterGcMiB, r.peakRssMiB, r.vmHwmMiB,
                    r.note == null ? "" : "  " + r.note));
        }
        for (Result r : results) {
            System.out.println(String.format(Locale.ROOT, "  %s: cpu bench=%.1fs broker=%.1fs; %s", r.name,
                    r.benchCpuSeconds, r.brokerCpuSeconds, r.detail));
        }
    }

    private String json() {
        StringBuilder out = new StringBuilder("{\n  \"machine\": \"" + machine().replace("\"", "'") + "\",\n  \"cases\": [\n");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            out.append(String.format(Locale.ROOT, "    {\"case\": \"%s\", \"records\": %d, \"recordsPerSecond\": %.0f, "
                            + "\"ratio\": %.4f, \"ratioAgainst\": \"%s\", \"ideal\": %.0f, \"wallSeconds\": %.3f, "
                            + "\"peakHeapUsedMiB\": %.1f, \"peakHeapAfterGcMiB\": %.1f, \"peakRssMiB\": %.1f, "
                            + "\"vmHwmMiB\": %.1f, \"benchCpuSeconds\": %.2f, \"brokerCpuSeconds\": %.2f, \"note\": \"%s\", \"detail\": \"%s\"}%s\n",
                    r.name, r.counted, r.rate, r.ratio, r.ideal > 0 ? "ideal" : "plain", r.ideal, r.wallSeconds,
                    r.peakHeapUsedMiB, r.peakHeapAfterGcMiB, r.peakRssMiB, r.vmHwmMiB, r.benchCpuSeconds,
                    r.brokerCpuSeconds, r.note == null ? "" : r.note, r.detail == null ? "" : r.detail,
                    i + 1 < results.size() ? "," : ""));
        }
        return out.append("  ]\n}\n").toString();
    }

    private static String machine() {
        return String.format(Locale.ROOT, "java %s (%s), %d CPUs, max heap %d MiB, settings: %s",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                String.join(" ", settingsLine));
    }

    private static List<String> settingsLine = List.of();

    private static void log(String line) {
        System.out.println(String.format(Locale.ROOT, "[%tT] %s", System.currentTimeMillis(), line));
    }

    /** Which records the handler saw: a bit per (partition, offset), so replays are not counted twice. */
    private static final class Seen {
        private final AtomicLongArray[] bits;
        private final long needed;
        final AtomicLong count = new AtomicLong();
        final AtomicLong firstNanos = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);
        volatile long doneNanos;

        Seen(long[] endOffsets, long needed) {
            this.needed = needed;
            bits = new AtomicLongArray[endOffsets.length];
            for (int p = 0; p < endOffsets.length; p++) {
                bits[p] = new AtomicLongArray((int) ((endOffsets[p] + 63) / 64));
            }
        }

        void add(int partition, long offset) {
            if (firstNanos.get() == 0) {
                firstNanos.compareAndSet(0, System.nanoTime());
            }
            AtomicLongArray words = bits[partition];
            int word = (int) (offset >>> 6);
            long bit = 1L << (offset & 63);
            long old;
            do {
                old = words.get(word);
                if ((old & bit) != 0) {
                    return;
                }
            } while (!words.compareAndSet(word, old, old | bit));
            if (count.incrementAndGet() == needed) {
                doneNanos = System.nanoTime();
                done.countDown();
            }
        }
    }

    private static final class Result {
        final String name;
        final long needed;
        long counted;
        double rate;
        double ratio;
        double ideal;
        double wallSeconds;
        double peakHeapUsedMiB;
        double peakHeapAfterGcMiB;
        double peakRssMiB;
        double vmHwmMiB;
        double benchCpuSeconds;
        double brokerCpuSeconds;
        String note;
        String detail;

        Result(String name, long needed) {
            this.name = name;
            this.needed = needed;
        }

        void finish(long start, long first, long end, long count) {
            counted = count;
            wallSeconds = (end - start) / 1e9;
            double seconds = (end - (first == 0 ? start : first)) / 1e9;
            rate = count / Math.max(seconds, 1e-9);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %,d records, %,.0f rec/s (first-to-last), wall %.2f s, %s%s",
                    name, counted, rate, wallSeconds, detail, note == null ? "" : " " + note);
        }
    }

    /** Command-line settings. */
    private static final class Settings {
        long records = 2_000_000;
        int keys = 10_000;
        int partitions = 12;
        int valueBytes = 100;
        long sleepRecords = 200_000;
        long sleepPartitionRecords = 6_000;
        long sleepMs = 10;
        int concurrency = 1000;
        Duration timeout = Duration.ofMinutes(5);
        Path json;
        String bootstrap;
        boolean probeBatches;
        boolean warmup = true;
        List<String> cases = ALL_CASES;
        final Map<String, Object> consumerOverrides = new HashMap<>();
        LanesOverrides lanesOverrides = new LanesOverrides();

        static Settings parse(String[] args) {
            Settings s = new Settings();
            settingsLine = List.of(args);
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help")) {
                    System.out.println("options: --records N --keys K --partitions P --value-bytes B "
                            + "--sleep-records N --sleep-partition-records N --sleep-ms MS --concurrency C "
                            + "--timeout-s S --json FILE --bootstrap HOST:PORT --probe-batches --no-warmup "
                            + "--cases " + String.join(",", ALL_CASES) + " "
                            + "--consumer name=value (any Kafka consumer property, for every consumer) "
                            + "--max-batch-size N --max-buffered-records N (Lanes options for every Lanes case)");
                    return null;
                }
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (arg) {
                    case "--records": s.records = Long.parseLong(value); break;
                    case "--keys": s.keys = Integer.parseInt(value); break;
                    case "--partitions": s.partitions = Integer.parseInt(value); break;
                    case "--value-bytes": s.valueBytes = Integer.parseInt(value); break;
                    case "--sleep-records": s.sleepRecords = Long.parseLong(value); break;
                    case "--sleep-partition-records": s.sleepPartitionRecords = Long.parseLong(value); break;
                    case "--sleep-ms": s.sleepMs = Long.parseLong(value); break;
                    case "--concurrency": s.concurrency = Integer.parseInt(value); break;
                    case "--timeout-s": s.timeout = Duration.ofSeconds(Long.parseLong(value)); break;
                    case "--json": s.json = Path.of(value); break;
                    case "--bootstrap": s.bootstrap = value; break;
                    case "--probe-batches": s.probeBatches = true; i--; break;
                    case "--no-warmup": s.warmup = false; i--; break;
                    case "--cases": {
                        Set<String> cases = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                        for (String c : cases) {
                            if (!ALL_CASES.contains(c)) {
                                throw new IllegalArgumentException("unknown case " + c + "; known: " + ALL_CASES);
                            }
                        }
                        s.cases = List.copyOf(cases);
                        break;
                    }
                    case "--consumer": {
                        int eq = value.indexOf('=');
                        s.consumerOverrides.put(value.substring(0, eq), value.substring(eq + 1));
                        break;
                    }
                    case "--max-batch-size": s.lanesOverrides.maxBatchSize = Integer.parseInt(value); break;
                    case "--max-buffered-records": s.lanesOverrides.maxBufferedRecords = Integer.parseInt(value); break;
                    default:
                        throw new IllegalArgumentException("unknown option " + arg + " (try --help)");
                }
                i++;
            }
            return s;
        }
    }

    /** Lanes options a run may change for every Lanes case (default: none, the engine's defaults). */
    private static final class LanesOverrides {
        Integer maxBatchSize;
        Integer maxBufferedRecords;

        void apply(LanesOptions.Builder<byte[], byte[]> options) {
            if (maxBatchSize != null) {
                options.maxBatchSize(maxBatchSize);
            }
            if (maxBufferedRecords != null) {
                options.maxBufferedRecords(maxBufferedRecords);
            }
        }
    }
}
