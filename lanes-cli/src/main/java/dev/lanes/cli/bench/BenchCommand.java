package dev.lanes.cli.bench;

import dev.lanes.LanesOption;
import dev.lanes.cli.BrokerConnection;
import dev.lanes.cli.ClientProperties;
import dev.lanes.cli.GroupProtocol;
import dev.lanes.cli.KafkaClients;
import dev.lanes.cli.CliException;
import dev.lanes.cli.DurationConverter;
import dev.lanes.cli.OptionCheck;
import dev.lanes.cli.ProcessCpu;
import dev.lanes.cli.ThisMachine;
import dev.lanes.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanes bench}: end-to-end throughput of the engine against a plain {@code KafkaConsumer}
 * loop, on the same broker, topic and run (DESIGN.md: always a ratio against a plain consumer
 * measured in the same run). Produces the records once ({@link BenchTopic}), runs every case once
 * unmeasured (warm-up: JIT and page cache), then measures each case ({@link PlainConsumerCase},
 * {@link LanesCase}) {@code --repeat} times while a {@link MemorySampler} records peak heap and RSS
 * and a {@link ThreadCpuSampler} the CPU by thread, and prints a {@link BenchReport}.
 *
 * <p>Threads: everything runs on the command's (main) thread, but the engine's workers and the
 * samplers' daemons. Progress lines go to stderr, the table to stdout, the JSON to {@code --json FILE}.
 */
@Command(name = "bench",
        description = {"Measure the throughput of Lanes against a plain KafkaConsumer loop on the same"
                + " broker, topic and run: a no-op handler (PARTITION, KEY, UNORDERED) and a handler that"
                + " sleeps --sleep-ms at --concurrency. Prints a table of rates, ratios, heap and RSS.",
            "Starts an embedded broker unless --bootstrap is given. Set the heap with"
                + " LANES_JAVA_OPTS, e.g. LANES_JAVA_OPTS=-Xmx1g ./lanes bench."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", paramLabel = "B",
            description = "An existing Kafka's bootstrap servers. Default: start an embedded broker"
                    + " (one node) for the run.")
    String bootstrap;

    @Mixin
    ClientProperties clientProperties;

    private Map<String, String> userProperties;

    @Option(names = "--records", defaultValue = "2000000", paramLabel = "N",
            description = "Records produced and read by plain and the no-op cases. Default: ${DEFAULT-VALUE}.")
    long records;

    @Option(names = "--keys", defaultValue = "10000", paramLabel = "K",
            description = "Distinct keys, cycling. Default: ${DEFAULT-VALUE}.")
    int keys;

    @Option(names = "--partitions", defaultValue = "12", paramLabel = "P",
            description = "Partitions of the (new) topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--value-bytes", defaultValue = "100", paramLabel = "S",
            description = "Size of each value in bytes. Default: ${DEFAULT-VALUE}.")
    int valueBytes;

    @Option(names = "--sleep-records", defaultValue = "200000", paramLabel = "N",
            description = "Records read by sleep-unordered and sleep-key. Default: ${DEFAULT-VALUE}.")
    long sleepRecords;

    @Option(names = "--sleep-partition-records", defaultValue = "6000", paramLabel = "N",
            description = "Records read by sleep-partition. Default: ${DEFAULT-VALUE}.")
    long sleepPartitionRecords;

    @Option(names = "--sleep-ms", defaultValue = "10", paramLabel = "MS",
            description = "What the sleeping handler sleeps per record. Default: ${DEFAULT-VALUE}.")
    long sleepMs;

    @Option(names = "--concurrency", defaultValue = "1000", paramLabel = "C",
            description = "maxConcurrency of the sleep cases (the no-op cases use the engine's"
                    + " default). Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--cases", paramLabel = "LIST",
            description = "Comma-separated cases, run in this order. Default: all of them, "
                    + "plain,noop-unordered,noop-partition,noop-key,sleep-unordered,sleep-key,sleep-partition.")
    String cases;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the results as JSON to FILE.")
    Path json;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "The most one case may take. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--no-warmup", description = "Skip the warm-up: every case run once, unmeasured, before the measured runs.")
    boolean noWarmup;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Measure each case N times in this run and report the run of median rate (its"
                    + " detail lists every run's rate). Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--consumer", paramLabel = "NAME=VALUE",
            description = "A Kafka consumer property for every consumer of the run (repeatable).")
    Map<String, String> consumerOverrides = Map.of();

    @Option(names = "--max-batch-size", paramLabel = "N",
            description = "The Lanes option, for every Lanes case. Default: the engine's.")
    Integer maxBatchSize;

    @Option(names = "--max-buffered-records", paramLabel = "N",
            description = "The Lanes option, for every Lanes case. Default: the engine's.")
    Integer maxBufferedRecords;

    @Option(names = "--peer", paramLabel = "NAME",
            description = "Also run each case but plain with a peer library, in a child JVM, on the same"
                    + " broker, topic and records, and report its rows and the ratio Lanes ÷ peer."
                    + " Known: " + PeerCase.CONFLUENT_PC + " (Confluent's Parallel Consumer 0.5.3.3 on"
                    + " kafka-clients 3.9.1; its maxConcurrency is the case's).")
    String peer;

    @Override
    public Integer call() throws InterruptedException, IOException {
        List<BenchCase> chosen = checkOptions();
        BenchWorkload workload = new BenchWorkload(records, keys, partitions, valueBytes, sleepRecords,
                sleepPartitionRecords, sleepMs, concurrency, timeout, consumerOverrides, maxBatchSize,
                maxBufferedRecords);
        userProperties = clientProperties.userProperties(spec);
        if (bootstrap != null) {
            // Before any progress line: an unreachable broker is the only line on stderr.
            BrokerConnection.open(KafkaClients.to(bootstrap, userProperties)).close();
        }
        String machine = machine();
        log(machine);
        MemorySampler memory = new MemorySampler();
        memory.start();
        ThreadCpuSampler threadCpu = new ThreadCpuSampler();
        threadCpu.start();
        List<BenchResult> results;
        EmbeddedKafka kafka = null;
        try {
            String servers;
            if (bootstrap != null) {
                servers = bootstrap;
            } else {
                log("starting an embedded broker");
                kafka = EmbeddedKafka.builder().nodes(1).start();
                servers = kafka.bootstrapServers();
                log("broker " + servers + " pid " + kafka.pid(0).orElse(-1));
            }
            long brokerPid = kafka == null ? -1 : kafka.pid(0).orElse(-1);
            results = runCases(chosen, workload, groupClients(KafkaClients.to(servers, userProperties)), memory,
                    threadCpu, brokerPid);
        } finally {
            if (kafka != null) {
                kafka.close();
            }
            memory.stop();
            threadCpu.stop();
        }
        BenchReport report = new BenchReport(machine, results);
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.table());
        out.flush();
        if (json != null) {
            Files.writeString(json, report.json(), StandardCharsets.UTF_8);
            log("wrote " + json);
        }
        for (BenchResult r : results) {
            // A peer's failure is its row and a line (above), not the command's.
            if (r.peer() == null && !r.complete()) {
                throw new CliException("case " + r.name() + " saw " + r.counted() + " of " + r.needed()
                        + " records within --timeout " + timeout + " (" + r.note() + ")");
            }
        }
        return 0;
    }

    /**
     * Both cases' consumers on the group protocol the cluster has (the same one: a fair ratio);
     * {@code --consumer} properties count as the user's, so a classic-only one picks classic.
     */
    private KafkaClients groupClients(KafkaClients clients) {
        Map<String, String> asked = new java.util.HashMap<>(clients.userProperties());
        asked.putAll(consumerOverrides);
        try (org.apache.kafka.clients.admin.Admin admin = BrokerConnection.open(clients)) {
            String protocol = GroupProtocol.choose(admin, KafkaClients.to(clients.bootstrap(), asked),
                    spec.commandLine().getErr()).groupProtocol();
            return protocol == null ? clients : clients.withGroupProtocol(protocol);
        }
    }

    private List<BenchResult> runCases(List<BenchCase> chosen, BenchWorkload workload, KafkaClients servers,
                                       MemorySampler memory, ThreadCpuSampler threadCpu, long brokerPid)
            throws InterruptedException {
        String topic = "lanes-bench-" + System.currentTimeMillis();
        long[] endOffsets = new BenchTopic(servers, workload, this::log).create(topic);
        PlainConsumerCase plain = new PlainConsumerCase(servers, workload);
        LanesCase lanes = new LanesCase(servers, workload, endOffsets);
        PeerCase peerCase = peer == null ? null
                : new PeerCase(servers, workload, System.getProperty(PeerCase.CLASSPATH_PROPERTY));
        if (!noWarmup) {
            // Every case once, unmeasured, before any is measured: the plain read warms the broker's
            // page cache and JIT-compiles the client's fetch path, the Lanes cases compile the
            // engine. Without it a 2-second case spends half its CPU in the JIT compilers on this
            // 2-core machine, and each case pays for the code paths the cases before it did not take.
            log("warm-up (not reported): " + summary("plain", plain.run(topic)));
            for (BenchCase benchCase : chosen) {
                if (benchCase != BenchCase.PLAIN) {
                    log("warm-up (not reported): " + summary(benchCase.caseName(), lanes.run(benchCase, topic)));
                }
            }
        }
        List<BenchResult> results = new ArrayList<>();
        for (BenchCase benchCase : chosen) {
            List<BenchResult> runs = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                runs.add(measure(benchCase, benchCase == BenchCase.PLAIN ? () -> plain.run(topic)
                        : () -> lanes.run(benchCase, topic), workload, memory, threadCpu, brokerPid));
            }
            results.add(BenchResult.medianOf(runs));
            if (peerCase != null && benchCase != BenchCase.PLAIN) {
                results.add(runPeer(peerCase, benchCase, topic, workload, brokerPid));
            }
        }
        return results;
    }

    /** One measured run of a case, with its memory and CPU. */
    private BenchResult measure(BenchCase benchCase, CaseRunner runner, BenchWorkload workload, MemorySampler memory,
                                ThreadCpuSampler threadCpu, long brokerPid) throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        memory.reset();
        threadCpu.reset();
        long selfPid = ProcessHandle.current().pid();
        long selfCpu = ProcessCpu.ticks(selfPid);
        long brokerCpu = ProcessCpu.ticks(brokerPid);
        CaseRun run = runner.run();
        double benchCpu = ProcessCpu.secondsSince(selfPid, selfCpu);
        double brokerSeconds = ProcessCpu.secondsSince(brokerPid, brokerCpu);
        MemorySampler.Peaks peaks = memory.peaks();
        Map<String, Double> cpuByThread = threadCpu.secondsByLabel(benchCpu);
        log(summary(benchCase.caseName(), run));
        return new BenchResult(benchCase.caseName(), workload.needed(benchCase), run.counted(),
                run.recordsPerSecond(), workload.ideal(benchCase), run.wallSeconds(),
                peaks.heapUsed() / (1024.0 * 1024), peaks.heapAfterGc() / (1024.0 * 1024),
                peaks.rss() / 1024.0, MemorySampler.procStatusKb("VmHWM") / 1024.0, benchCpu,
                brokerSeconds, cpuByThread, run.note(), run.detail());
    }

    /** A case's run. */
    @FunctionalInterface
    private interface CaseRunner {
        CaseRun run() throws InterruptedException;
    }

    private BenchResult runPeer(PeerCase peerCase, BenchCase benchCase, String topic, BenchWorkload workload,
                                long brokerPid) throws InterruptedException {
        long brokerCpu = ProcessCpu.ticks(brokerPid);
        PeerCase.PeerRun peerRun = peerCase.run(benchCase, topic);
        double brokerSeconds = ProcessCpu.secondsSince(brokerPid, brokerCpu);
        CaseRun run = peerRun.run();
        String name = benchCase.caseName() + "@" + peer;
        if (run.note() != null && run.note().startsWith("FAILED")) {
            log("peer " + peer + " on " + benchCase.caseName() + ": " + run.note());
        } else {
            log(summary(name, run));
        }
        return new BenchResult(benchCase.caseName(), workload.needed(benchCase), run.counted(),
                run.recordsPerSecond(), workload.ideal(benchCase), run.wallSeconds(), peerRun.peakHeapUsedMiB(),
                Double.NaN, peerRun.peakRssMiB(), peerRun.vmHwmMiB(), peerRun.cpuSeconds(), brokerSeconds,
                Map.of(), run.note(), run.detail(), peer);
    }

    /** Checks every option before anything starts; returns the cases to run. */
    List<BenchCase> checkOptions() {
        OptionCheck.atLeast(spec, "--records", records, 1);
        OptionCheck.between(spec, "--repeat", repeat, 1, 100);
        OptionCheck.atLeast(spec, "--keys", keys, 1);
        OptionCheck.between(spec, "--partitions", partitions, 1, 10_000);
        OptionCheck.between(spec, "--value-bytes", valueBytes, 0, 1_000_000);
        OptionCheck.atLeast(spec, "--sleep-records", sleepRecords, 1);
        OptionCheck.atLeast(spec, "--sleep-partition-records", sleepPartitionRecords, 1);
        OptionCheck.between(spec, "--sleep-ms", sleepMs, 1, 60_000);
        OptionCheck.allowedBy(spec, "--concurrency", concurrency, LanesOption.MAX_CONCURRENCY);
        if (timeout.isNegative() || timeout.isZero()) {
            OptionCheck.fail(spec, "--timeout must be positive, was " + timeout);
        }
        if (maxBatchSize != null) {
            OptionCheck.allowedBy(spec, "--max-batch-size", maxBatchSize, LanesOption.MAX_BATCH_SIZE);
        }
        if (maxBufferedRecords != null) {
            OptionCheck.allowedBy(spec, "--max-buffered-records", maxBufferedRecords, LanesOption.MAX_BUFFERED_RECORDS);
        }
        if (bootstrap != null && bootstrap.isBlank()) {
            OptionCheck.fail(spec, "--bootstrap must not be empty");
        }
        if (peer != null && !peer.equals(PeerCase.CONFLUENT_PC)) {
            OptionCheck.fail(spec, "--peer: unknown peer '" + peer + "'; known: " + PeerCase.CONFLUENT_PC);
        }
        if (json != null) {
            OptionCheck.inExistingDirectory(spec, "--json", json);
        }
        return parseCases();
    }

    private List<BenchCase> parseCases() {
        if (cases == null) {
            return List.of(BenchCase.values());
        }
        Set<BenchCase> chosen = new LinkedHashSet<>();
        for (String name : cases.split(",", -1)) {
            BenchCase benchCase = BenchCase.named(name.strip()).orElse(null);
            if (benchCase == null) {
                OptionCheck.fail(spec, "--cases: unknown case '" + name.strip() + "'; known: "
                        + BenchCase.allNames());
            }
            chosen.add(benchCase);
        }
        return List.copyOf(chosen);
    }

    private static String summary(String name, CaseRun run) {
        return String.format(Locale.ROOT, "%s: %,d records, %,.0f rec/s (first-to-last), wall %.2f s, %s%s",
                name, run.counted(), run.recordsPerSecond(), run.wallSeconds(), run.detail(),
                run.note() == null ? "" : " " + run.note());
    }

    private String machine() {
        return ThisMachine.describe() + ", settings: "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    private void log(String line) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(String.format(Locale.ROOT, "[%tT] %s", System.currentTimeMillis(), line));
        err.flush();
    }
}
