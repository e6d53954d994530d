package dev.lanes.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code lanes} command as users run it: a child JVM with the CLI jar and {@code lib/*}.
 * Covers what only a real process shows: signals, the class path wildcard reaching the broker
 * JVMs, exit codes, and that stderr holds one line and no stack trace.
 */
class CliProcessIT {

    // Readers of the broker's outputs block until it exits: give them threads of their own
    // (the common pool may have a single thread on a small machine).
    private final ExecutorService readers = Executors.newFixedThreadPool(2);
    private Process broker;

    @AfterEach
    void killBroker() {
        if (broker != null) {
            broker.destroyForcibly();
        }
        readers.shutdownNow();
    }

    @Test
    void brokerPrintsItsBootstrapServesProduceAndStopsCleanlyOnSigterm() throws Exception {
        int port = freeConsecutivePorts(3);
        broker = LanesProcess.builder("broker", "--nodes", "3", "--port", String.valueOf(port))
                .start();
        List<String> stdout = new CopyOnWriteArrayList<>();
        Future<?> stdoutDone = readers.submit(() -> readLines(broker, stdout));
        Future<String> stderr = readers.submit(() -> readAll(broker));
        await().atMost(Duration.ofSeconds(120)).until(() -> !stdout.isEmpty() || !broker.isAlive());
        if (stdout.isEmpty()) {
            throw new AssertionError("lanes broker exited without its bootstrap line; stderr: "
                    + stderr.get(10, TimeUnit.SECONDS));
        }
        String firstLine = stdout.get(0);

        String bootstrap = "127.0.0.1:" + port + ",127.0.0.1:" + (port + 1) + ",127.0.0.1:" + (port + 2);
        assertThat(firstLine).isEqualTo("bootstrap=" + bootstrap);
        List<ProcessHandle> nodes = broker.descendants().collect(Collectors.toList());
        assertThat(nodes).hasSize(3).allMatch(ProcessHandle::isAlive);

        LanesProcess.Finished produce = LanesProcess.run(60, "produce", "--bootstrap", bootstrap,
                "--topic", "cli-e2e", "--partitions", "3", "--replication", "3",
                "--count", "1000", "--keys", "10");
        assertThat(produce.exitCode()).as(produce.err()).isZero();
        assertThat(produce.err()).isEmpty();
        assertThat(produce.out()).startsWith("produced 1000 records to cli-e2e (10 keys,"
                + " 100-byte values) in ");
        assertThat(endOffsetSum(bootstrap, "cli-e2e", 3)).isEqualTo(1000);

        broker.destroy(); // SIGTERM
        assertThat(broker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(broker.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hooks
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(nodes).noneMatch(ProcessHandle::isAlive));
        stdoutDone.get(10, TimeUnit.SECONDS);
        assertThat(stdout).containsExactly(firstLine);
        assertThat(stderr.get(10, TimeUnit.SECONDS)).doesNotContain("Exception");
        assertThat(dataDirectoriesOwnedBy(broker.pid())).isEmpty();
    }

    @Test
    void unknownOptionIsOneLineAndExitCode2() throws Exception {
        LanesProcess.Finished run = LanesProcess.run(30, "produce", "--bootstrap", "127.0.0.1:9092",
                "--topic", "t", "--count", "1", "--bogus");

        assertOneCleanErrorLine(run, 2);
        assertThat(run.errLines().get(0))
                .isEqualTo("lanes: error: Unknown option: '--bogus' (see 'lanes produce --help')");
    }

    @Test
    void negativeCountIsOneLineAndExitCode2() throws Exception {
        LanesProcess.Finished run = LanesProcess.run(30, "produce", "--bootstrap", "127.0.0.1:9092",
                "--topic", "t", "--count", "-5");

        assertOneCleanErrorLine(run, 2);
        assertThat(run.errLines().get(0)).isEqualTo(
                "lanes: error: --count must be at least 1, was -5 (see 'lanes produce --help')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"produce --topic t --count 10", "demo", "bench"})
    void unreachableBootstrapIsOneLineAndExitCode1(String command) throws Exception {
        int closedPort = freeConsecutivePorts(1);
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--bootstrap", "127.0.0.1:" + closedPort));

        LanesProcess.Finished run = LanesProcess.run(30, args.toArray(String[]::new));

        assertOneCleanErrorLine(run, 1);
        assertThat(run.errLines().get(0)).isEqualTo("lanes: error: cannot reach Kafka at 127.0.0.1:"
                + closedPort + " within 5 s; is a broker running there? (start one with: ./lanes broker)");
    }

    private static void assertOneCleanErrorLine(LanesProcess.Finished run, int exitCode) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.millis()).as("time to exit, ms").isLessThan(10_000);
        assertThat(run.errLines()).as(run.err()).hasSize(1);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    /** A port P such that P .. P+count-1 are free on 127.0.0.1, below the ephemeral range. */
    private static int freeConsecutivePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            List<ServerSocket> probes = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    probes.add(new ServerSocket(base + i, 1, InetAddress.getByName("127.0.0.1")));
                }
                return base;
            } catch (IOException taken) {
                // Try another base.
            } finally {
                for (ServerSocket probe : probes) {
                    probe.close();
                }
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports");
    }

    private static long endOffsetSum(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }

    /** Embedded Kafka directories whose owner file names this pid (a clean stop deletes them). */
    private static List<Path> dataDirectoriesOwnedBy(long pid) throws IOException {
        List<Path> owned = new ArrayList<>();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, "lanes-kafka-*")) {
            for (Path dir : dirs) {
                Path owner = dir.resolve("owner");
                if (Files.exists(owner) && Files.readString(owner).startsWith(pid + " ")) {
                    owned.add(dir);
                }
            }
        }
        return owned;
    }

    private static Void readLines(Process process, List<String> lines) throws IOException {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        }
        return null;
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
