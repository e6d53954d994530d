package dev.lanes.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.cli.CliRun;
import dev.lanes.cli.LanesProcess;
import dev.lanes.cli.TopicContents;
import dev.lanes.embedded.EmbeddedKafka;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import dev.lanes.testkit.GuaranteeChecker;
import dev.lanes.testkit.Invocation;
import dev.lanes.testkit.LaneOrder;
import dev.lanes.testkit.RecordId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash suite, in the spirit of Decaton's restart suite: three {@code lanes consume} child
 * processes in one group (KEY order, each with its journal) against a 3-node cluster (replication
 * 3, min.insync 2), and, while records remain, kill -9 of one consumer (then a replacement), a
 * rolling restart (SIGTERM and a successor, one instance after the other), and kill -9 of the
 * group's coordinator node (then its restart). The test kit's checker then reads every journal:
 * nothing lost, order and no overlap per lane, replay only of what the killed consumer ended after
 * its last commit; and the group's longest pause is printed (bounded generously: not a
 * benchmark). It runs under the consumer protocol (KIP-848, the CLI's default); the classic
 * protocol's pauses are measured by bin/measure-crash-pause instead, since each of its
 * rebalances after a kill waits out a session timeout and would double the suite's time.
 */
class CrashSuiteIT {

    /*
     * The broker's KIP-848 session timeout is 45 s by default, and a killed member's partitions
     * wait for it: 10 s keeps the suite short. Heartbeats every second keep a member of a busy
     * 2-core machine from being fenced by mistake (which would replay without a crash).
     */
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.of(EmbeddedKafka.builder().nodes(3)
            .brokerProperty("group.consumer.min.session.timeout.ms", "6000")
            .brokerProperty("group.consumer.session.timeout.ms", "10000")
            .brokerProperty("group.consumer.min.heartbeat.interval.ms", "1000")
            .brokerProperty("group.consumer.heartbeat.interval.ms", "1000"));

    private static final String TOPIC = "crash-suite";
    private static final String GROUP = "crash-suite";
    private static final int PARTITIONS = 6;
    private static final int RECORDS = 20_000;
    private static final int KEYS = 300;
    /* 3 instances × 2 at a time × 15 ms: at most 400 records/s; the faults end before half the records did. */
    private static final String CONCURRENCY = "2";
    private static final String WORK_MS = "15";
    private static final Duration LONGEST_PAUSE_BOUND = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** Every instance started, by name, in start order; each has its journal {@code NAME.jsonl}. */
    private final Map<String, Process> instances = new LinkedHashMap<>();

    @AfterEach
    void killTheInstancesLeft() throws InterruptedException {
        for (Process process : instances.values()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void killsRollingRestartAndABrokerCrashLoseNothingKeepLaneOrderAndReplayOnlyTheKilledInstancesTail()
            throws Exception {
        EmbeddedKafka kafka = KAFKA.kafka();
        kafka.createTopic(TOPIC, PARTITIONS, (short) 3);
        CliRun produce = CliRun.of("produce", "--bootstrap", kafka.bootstrapServers(), "--topic", TOPIC,
                "--count", String.valueOf(RECORDS), "--keys", String.valueOf(KEYS), "--value-bytes", "16");
        assertThat(produce.exitCode()).as(produce.err()).isZero();
        Set<RecordId> produced = produced(kafka);
        assertThat(produced).hasSize(RECORDS);
        long started = System.nanoTime();

        start("a");
        start("b");
        start("c");
        awaitLines(RECORDS / 10);

        // 1. kill -9 of a consumer, then its replacement.
        Process killed = instances.get("b");
        killed.destroyForcibly(); // SIGKILL
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(killed.exitValue()).isEqualTo(137);
        assertWorkRemained("kill -9 of consumer b");
        // Its partitions are nobody's until its session expires: what it committed stays put, so
        // the records it ended at or above those offsets are the ones that may run again.
        Set<RecordId> replayable = endedAtOrAfterCommitted(JournalLine.readAll(journal("b")),
                TopicContents.committed(kafka, GROUP));
        start("b2");
        awaitInstanceWorking("b2");

        // 2. Rolling restart: each live instance gets SIGTERM, drains, commits and exits; its
        // successor starts and takes work before the next one stops.
        for (String[] names : new String[][] {{"a", "a2"}, {"b2", "b3"}, {"c", "c2"}}) {
            Process stopping = instances.get(names[0]);
            stopping.destroy(); // SIGTERM
            assertThat(stopping.waitFor(60, TimeUnit.SECONDS)).as("%s stopped", names[0]).isTrue();
            assertThat(stopping.exitValue()).as(Files.readString(err(names[0]))).isEqualTo(143);
            assertWorkRemained("SIGTERM of consumer " + names[0]);
            start(names[1]);
            awaitInstanceWorking(names[1]);
        }

        // 3. kill -9 of the group's coordinator (a broker node that also leads some of the
        // partitions): membership and commits move to another node. Work on without it, restart it.
        long linesAtBrokerCrash = totalLines();
        int coordinator = TopicContents.coordinator(kafka, GROUP);
        kafka.crash(coordinator);
        assertWorkRemained("kill -9 of broker node " + coordinator + ", the group's coordinator");
        awaitLines(linesAtBrokerCrash + RECORDS / 20);
        assertThat(TopicContents.coordinator(kafka, GROUP)).as("the group's new coordinator").isNotEqualTo(coordinator);
        kafka.restart(coordinator);

        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                .until(() -> totalLines() >= RECORDS && endedRecords().containsAll(produced));
        // Every record ended, and the group commits up to the end of each partition.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> TopicContents.committed(kafka, GROUP).equals(TopicContents.ends(kafka, TOPIC)));
        long runMillis = (System.nanoTime() - started) / 1_000_000;
        for (String name : List.of("a2", "b3", "c2")) {
            Process process = instances.get(name);
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(err(name))).isEqualTo(143);
        }

        List<Invocation> invocations = new ArrayList<>();
        for (String name : instances.keySet()) {
            JournalLine.readAll(journal(name)).forEach(line -> invocations.add(line.toInvocation()));
        }
        GuaranteeChecker checker = GuaranteeChecker.of(invocations)
                .assertAtLeastOnce(produced)
                .assertLaneOrder(LaneOrder.KEY);
        Set<RecordId> replayed = checker.endedMoreThanOnce();
        Duration longestPause = longestPause(invocations);
        System.out.printf("crash suite: %d records, %d invocations in %.1f s; longest group pause %.2f s;"
                        + " %d records replayed (%d replayable after the kill -9 of b)%n", RECORDS,
                invocations.size(), runMillis / 1000.0, longestPause.toMillis() / 1000.0, replayed.size(),
                replayable.size());
        checker.assertReplayedOnly(replayable);
        assertThat(longestPause).as("the group's longest pause").isLessThan(LONGEST_PAUSE_BOUND);
    }

    private void start(String name) throws IOException {
        Process process = LanesProcess.builder("consume", "--bootstrap", KAFKA.bootstrapServers(),
                        "--topic", TOPIC, "--group", GROUP, "--ordering", "KEY", "--concurrency", CONCURRENCY,
                        "--work-ms", WORK_MS, "--journal", journal(name).toString(), "--instance", name)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(err(name).toFile())
                .start();
        process.getOutputStream().close();
        instances.put(name, process);
    }

    private Path journal(String name) {
        return dir.resolve(name + ".jsonl");
    }

    private Path err(String name) {
        return dir.resolve(name + ".err");
    }

    /** Waits until the instance journals a record, i.e. it joined and owns partitions. */
    private void awaitInstanceWorking(String name) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> JournalLine.count(journal(name)) > 0 || !instances.get(name).isAlive());
        assertThat(instances.get(name).isAlive()).as("%s is running", name).isTrue();
    }

    private void awaitLines(long lines) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> totalLines() >= lines);
    }

    /** A fault counts only if it landed mid-run: some produced records had not ended yet. */
    private void assertWorkRemained(String fault) throws IOException {
        int ended = endedRecords().size();
        System.out.printf("crash suite: %s with %d of %d records not yet ended%n", fault, RECORDS - ended, RECORDS);
        assertThat(ended).as("records ended at the %s", fault).isLessThan(RECORDS);
    }

    private long totalLines() throws IOException {
        long lines = 0;
        for (String name : instances.keySet()) {
            lines += JournalLine.count(journal(name));
        }
        return lines;
    }

    private Set<RecordId> endedRecords() throws IOException {
        Set<RecordId> ended = new HashSet<>();
        for (String name : instances.keySet()) {
            if (Files.exists(journal(name))) {
                for (JournalLine line : JournalLine.readAll(journal(name))) {
                    Invocation invocation = line.toInvocation();
                    if (invocation.outcome().endsRecord()) {
                        ended.add(invocation.id());
                    }
                }
            }
        }
        return ended;
    }

    private static Set<RecordId> produced(EmbeddedKafka kafka) throws Exception {
        Set<RecordId> produced = new HashSet<>();
        TopicContents.ends(kafka, TOPIC).forEach((partition, end) -> LongStream.range(0, end).forEach(
                offset -> produced.add(new RecordId(TOPIC, partition.partition(), offset))));
        return produced;
    }

    private static Set<RecordId> endedAtOrAfterCommitted(List<JournalLine> lines,
                                                         Map<TopicPartition, Long> committed) {
        Set<RecordId> ended = new HashSet<>();
        for (JournalLine line : lines) {
            if (line.offset() >= committed.getOrDefault(new TopicPartition(TOPIC, line.partition()), 0L)) {
                ended.add(line.toInvocation().id());
            }
        }
        return ended;
    }

    /** The longest time between two consecutive record ends anywhere in the group. */
    private static Duration longestPause(List<Invocation> invocations) {
        long[] ends = invocations.stream().filter(i -> i.outcome().endsRecord()).mapToLong(Invocation::endNanos)
                .sorted().toArray();
        long longest = 0;
        for (int i = 1; i < ends.length; i++) {
            longest = Math.max(longest, ends[i] - ends[i - 1]);
        }
        return Duration.ofNanos(longest);
    }
}
