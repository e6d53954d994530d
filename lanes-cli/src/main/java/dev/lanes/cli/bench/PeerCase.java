package dev.lanes.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.LanesOption;
import dev.lanes.cli.KafkaClients;
import dev.lanes.cli.NewGroupProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The peer of {@code lanes bench --peer confluent-pc}: Confluent's Parallel Consumer, run for one
 * case in a child JVM (module {@code lanes-bench-peer}, main class {@code dev.lanes.benchpeer.PeerMain},
 * on kafka-clients 3.9, its own class path: {@code lanes.bench.peer.classpath}, which
 * {@code ./lanes} and the ITs set). Same broker, topic, records and end condition as the Lanes
 * case; its {@code maxConcurrency} is the case's concurrency. The child warms up on the topic
 * (unmeasured, its own group), then prints one {@code PEER-RESULT {json}} line.
 *
 * <p>A child that cannot start, exits without a result, or outlives {@code --timeout} plus its
 * warm-up allowance (then it is killed) gives a {@link PeerRun} with a note. Runs on the
 * command's thread.
 */
final class PeerCase {

    /** The only peer so far. */
    static final String CONFLUENT_PC = "confluent-pc";
    static final String CLASSPATH_PROPERTY = "lanes.bench.peer.classpath";
    static final String MAIN_CLASS = "dev.lanes.benchpeer.PeerMain";
    static final String RESULT_PREFIX = "PEER-RESULT ";
    /** Records the child reads unmeasured before the case, at most. */
    static final long WARMUP_RECORDS = 200_000;
    /** The child's JVM start, warm-up (at most 30 s) and two closes (30 s each at most), on top of {@code --timeout}. */
    static final Duration WARMUP_ALLOWANCE = Duration.ofSeconds(120);

    /** What the child measured, or why there is nothing; {@code cpuSeconds} is the child's. */
    record PeerRun(CaseRun run, double peakHeapUsedMiB, double peakRssMiB, double vmHwmMiB, double cpuSeconds) {

        static PeerRun failed(String note) {
            return new PeerRun(new CaseRun(0, 0, 0, note, "confluent-pc: " + note), Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN);
        }
    }

    private final KafkaClients clients;
    private final BenchWorkload workload;
    private final String classPath;
    private final String mainClass;
    private final Duration killAfter;

    PeerCase(KafkaClients clients, BenchWorkload workload, String classPath) {
        this(clients, workload, classPath, MAIN_CLASS, workload.timeout().plus(WARMUP_ALLOWANCE));
    }

    PeerCase(KafkaClients clients, BenchWorkload workload, String classPath, String mainClass, Duration killAfter) {
        this.clients = clients;
        this.workload = workload;
        this.classPath = classPath;
        this.mainClass = mainClass;
        this.killAfter = killAfter;
    }

    /** The child's command line for one case. */
    List<String> command(BenchCase benchCase, String topic, String group) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The same heap limit as this JVM's (LANES_JAVA_OPTS), so the peer gets what Lanes gets.
        command.add("-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        long needed = workload.needed(benchCase);
        command.add("topic=" + topic);
        command.add("records=" + needed);
        command.add("ordering=" + benchCase.ordering().name());
        command.add("concurrency=" + concurrency(benchCase));
        command.add("sleepMs=" + (benchCase.sleeps() ? workload.sleepMs() : 0));
        command.add("timeoutMs=" + workload.timeout().toMillis());
        command.add("warmupRecords=" + Math.min(needed, WARMUP_RECORDS));
        Map<String, Object> props = NewGroupProperties.of(clients, group);
        props.putAll(workload.consumerOverrides());
        new TreeMap<>(props).forEach((name, value) -> command.add("consumer." + name + "=" + value));
        return command;
    }

    /**
     * The peer's {@code maxConcurrency}, the Lanes case's: {@code --concurrency} in the sleep
     * cases, the engine's default in the no-op cases.
     */
    int concurrency(BenchCase benchCase) {
        return benchCase.sleeps() ? workload.concurrency() : LanesOption.MAX_CONCURRENCY.defaultValue();
    }

    PeerRun run(BenchCase benchCase, String topic) throws InterruptedException {
        if (classPath == null || classPath.isBlank()) {
            return PeerRun.failed("FAILED: the peer's class path is unknown (system property "
                    + CLASSPATH_PROPERTY + "; ./lanes sets it)");
        }
        String jar = classPath.split(java.io.File.pathSeparator, -1)[0];
        if (!jar.endsWith("*") && !Files.exists(Path.of(jar))) {
            return PeerRun.failed("FAILED: " + jar + " is missing (build lanes-bench-peer: ./mvnw -pl lanes-cli"
                    + " -am package)");
        }
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("lanes-bench-peer", ".out");
            err = Files.createTempFile("lanes-bench-peer", ".err");
            process = new ProcessBuilder(command(benchCase, topic, "peer-" + benchCase.caseName() + "-"
                    + System.nanoTime())).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(killAfter.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return PeerRun.failed("FAILED: TIMEOUT, the peer was killed after " + killAfter.toSeconds() + " s");
            }
            return parse(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return PeerRun.failed("FAILED: could not start the peer: " + e.getMessage());
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** The child's result line, or a failed run naming the exit code and the last line of stderr. */
    static PeerRun parse(int exitCode, String stdout, String stderr) {
        String line = stdout.lines().filter(l -> l.startsWith(RESULT_PREFIX)).reduce((a, b) -> b).orElse(null);
        if (exitCode != 0 || line == null) {
            String last = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b)
                    .orElse("(no output)");
            return PeerRun.failed("FAILED: the peer exited with " + exitCode + ": " + last);
        }
        try {
            JsonNode r = new ObjectMapper().readTree(line.substring(RESULT_PREFIX.length()));
            String note = r.get("note").isNull() ? null : r.get("note").asText();
            CaseRun run = new CaseRun(r.get("counted").asLong(), r.get("recordsPerSecond").asDouble(),
                    r.get("wallSeconds").asDouble(), note, r.get("detail").asText());
            return new PeerRun(run, r.get("peakHeapUsedMiB").asDouble(), r.get("peakRssMiB").asDouble(),
                    r.get("vmHwmMiB").asDouble(), r.get("cpuSeconds").asDouble());
        } catch (IOException | RuntimeException e) {
            return PeerRun.failed("FAILED: unreadable result from the peer: " + line);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file
            }
        }
    }
}
