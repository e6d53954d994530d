package dev.lanes.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.cli.KafkaClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PeerCase}: the child's command line, its result line, and how it fails. */
class PeerCaseTest {

    private static final BenchWorkload WORKLOAD = new BenchWorkload(5000, 100, 3, 100, 2000, 240, 7, 500,
            Duration.ofSeconds(20), Map.of("fetch.min.bytes", "1"), null, null);
    private static final KafkaClients CLIENTS = KafkaClients.to("localhost:9", Map.of());
    private static final String TEST_CLASSPATH = System.getProperty("java.class.path");

    /** A stand-in child that never ends. */
    public static final class Hangs {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(60_000);
        }
    }

    @Test
    void commandLineCarriesTheCaseTheOrderingAndTheConsumerProperties() {
        PeerCase peer = new PeerCase(CLIENTS, WORKLOAD, "/x/peer.jar:/x/lib/*");

        List<String> key = peer.command(BenchCase.NOOP_KEY, "t1", "g1");
        List<String> sleep = peer.command(BenchCase.SLEEP_PARTITION, "t1", "g2");

        assertThat(key.get(0)).endsWith(Path.of("bin", "java").toString());
        assertThat(key).containsSubsequence("-cp", "/x/peer.jar:/x/lib/*", PeerCase.MAIN_CLASS)
                .contains("topic=t1", "records=5000", "ordering=KEY", "concurrency=64", "sleepMs=0",
                        "timeoutMs=20000", "warmupRecords=5000", "consumer.group.id=g1",
                        "consumer.bootstrap.servers=localhost:9", "consumer.enable.auto.commit=false",
                        "consumer.auto.offset.reset=earliest", "consumer.fetch.min.bytes=1");
        assertThat(key.stream().filter(a -> a.startsWith("-Xmx"))).hasSize(1);
        assertThat(sleep).contains("ordering=PARTITION", "records=240", "concurrency=500", "sleepMs=7",
                "warmupRecords=240", "consumer.group.id=g2");
        assertThat(peer.command(BenchCase.NOOP_UNORDERED, "t", "g")).contains("ordering=UNORDERED");
    }

    @Test
    void parsesTheResultLine() {
        PeerCase.PeerRun run = PeerCase.parse(0, "log\nPEER-RESULT {\"counted\":5000,\"recordsPerSecond\":1234.5,"
                + "\"wallSeconds\":2.5,\"peakHeapUsedMiB\":80.0,\"peakRssMiB\":200.0,\"vmHwmMiB\":210.0,"
                + "\"cpuSeconds\":3.0,\"note\":null,\"detail\":\"confluent-pc 0.5.3.3\"}\n", "");

        assertThat(run.run()).isEqualTo(new CaseRun(5000, 1234.5, 2.5, null, "confluent-pc 0.5.3.3"));
        assertThat(run.peakHeapUsedMiB()).isEqualTo(80.0);
        assertThat(run.peakRssMiB()).isEqualTo(200.0);
        assertThat(run.vmHwmMiB()).isEqualTo(210.0);
        assertThat(run.cpuSeconds()).isEqualTo(3.0);
        assertThat(PeerCase.parse(0, "PEER-RESULT {\"counted\":10,\"recordsPerSecond\":1,\"wallSeconds\":20,"
                + "\"peakHeapUsedMiB\":1,\"peakRssMiB\":1,\"vmHwmMiB\":1,\"cpuSeconds\":1,"
                + "\"note\":\"TIMEOUT after 10\",\"detail\":\"d\"}", "").run().note()).isEqualTo("TIMEOUT after 10");
    }

    @Test
    void aCrashOrAMissingResultIsAFailedRunWithTheLastErrorLine() {
        PeerCase.PeerRun crash = PeerCase.parse(1, "", "starting\njava.lang.NoClassDefFoundError: x/Y\n\n");
        PeerCase.PeerRun silent = PeerCase.parse(0, "no result here", "");
        PeerCase.PeerRun garbled = PeerCase.parse(0, "PEER-RESULT {not json", "");
        PeerCase.PeerRun diedAfterItsLine = PeerCase.parse(134, "PEER-RESULT {\"counted\":5000,"
                + "\"recordsPerSecond\":1,\"wallSeconds\":1,\"peakHeapUsedMiB\":1,\"peakRssMiB\":1,\"vmHwmMiB\":1,"
                + "\"cpuSeconds\":1,\"note\":null,\"detail\":\"d\"}", "# A fatal error has been detected\n");

        assertThat(crash.run().note()).isEqualTo("FAILED: the peer exited with 1: java.lang.NoClassDefFoundError: x/Y");
        assertThat(crash.run().counted()).isZero();
        assertThat(crash.run().recordsPerSecond()).isZero();
        assertThat(silent.run().note()).isEqualTo("FAILED: the peer exited with 0: (no output)");
        assertThat(garbled.run().note()).startsWith("FAILED: unreadable result from the peer");
        assertThat(diedAfterItsLine.run().note())
                .isEqualTo("FAILED: the peer exited with 134: # A fatal error has been detected");
    }

    @Test
    void aPeerThatCannotStartFailsWithOneLine() throws Exception {
        PeerCase.PeerRun noClassPath = new PeerCase(CLIENTS, WORKLOAD, null).run(BenchCase.NOOP_KEY, "t");
        PeerCase.PeerRun noJar = new PeerCase(CLIENTS, WORKLOAD, "/nonexistent/peer.jar:/nonexistent/lib/*")
                .run(BenchCase.NOOP_KEY, "t");
        PeerCase.PeerRun noMain = new PeerCase(CLIENTS, WORKLOAD, TEST_CLASSPATH, "no.such.Main",
                Duration.ofSeconds(20)).run(BenchCase.NOOP_KEY, "t");

        assertThat(noClassPath.run().note()).startsWith("FAILED: the peer's class path is unknown")
                .contains(PeerCase.CLASSPATH_PROPERTY);
        assertThat(noJar.run().note()).startsWith("FAILED: /nonexistent/peer.jar is missing");
        assertThat(noMain.run().note()).startsWith("FAILED: the peer exited with 1: ")
                .contains("no.such.Main");
    }

    @Test
    void aPeerThatHangsIsKilledAtTheTimeout() throws Exception {
        long start = System.nanoTime();
        PeerCase.PeerRun hung = new PeerCase(CLIENTS, WORKLOAD, TEST_CLASSPATH, Hangs.class.getName(),
                Duration.ofSeconds(2)).run(BenchCase.NOOP_KEY, "t");

        assertThat(hung.run().note()).isEqualTo("FAILED: TIMEOUT, the peer was killed after 2 s");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
    }
}
