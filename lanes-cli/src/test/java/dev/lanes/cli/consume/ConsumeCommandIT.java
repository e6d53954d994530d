package dev.lanes.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes consume} as users run it (a child JVM), against the shared embedded broker: the
 * journal's format and completeness, order per key, exit codes, and the journal's promise after
 * a kill -9 and a SIGTERM (every committed record has its line).
 */
class ConsumeCommandIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    @TempDir
    Path dir;

    @Test
    void consumesEverythingInOrderPerKeyJournalsItAndExitsWhenIdle(EmbeddedKafka kafka) throws Exception {
        produce(kafka, "consume-happy", 3, 3000, 30);
        Path journal = dir.resolve("happy.jsonl");

        LanesProcess.Finished run = LanesProcess.run(90, "consume", "--bootstrap", kafka.bootstrapServers(),
                "--topic", "consume-happy", "--group", "happy", "--ordering", "KEY", "--concurrency", "16",
                "--work-ms", "1", "--work-jitter-ms", "2", "--fail-rate", "0.05",
                "--journal", journal.toString(), "--instance", "a", "--exit-when-idle", "2s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("error");
        assertThat(run.out()).matches("consumed 3000 records from consume-happy \\(group happy, KEY,"
                + " concurrency 16\\) in \\d+\\.\\d\\d s: \\d+ records/s, \\d+ failed attempts, 0 dead-lettered,"
                + " 0 skipped, \\d+ commits\\R");
        List<JournalLine> lines = JournalLine.readAll(journal);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.topic()).isEqualTo("consume-happy");
            assertThat(line.instance()).isEqualTo("a");
            assertThat(line.key()).startsWith("key-");
            assertThat(line.attempt()).isPositive();
            assertThat(line.outcome()).isIn("ok", "error");
            assertThat(line.endMicros()).isGreaterThanOrEqualTo(line.startMicros() + 1_000);
        });
        assertThat(lines).filteredOn(line -> line.outcome().equals("error")).isNotEmpty();
        assertThat(okOffsets(lines)).isEqualTo(producedOffsets(kafka, "consume-happy", 3));
        assertThat(lines.stream().map(line -> line.partition() + "/" + line.key()).distinct()).as("lanes")
                .hasSizeGreaterThanOrEqualTo(30);
        // One instance, no replay: each (partition, key) lane ran one invocation after the other.
        GuaranteeChecker.of(invocations(lines)).assertLanesSequential(LaneOrder.KEY);
        assertThat(committed(kafka, "happy")).isEqualTo(producedEnds(kafka, "consume-happy", 3));
    }

    @Test
    void aRecordThatExhaustsItsAttemptsStopsWithOneLineNamingIt(EmbeddedKafka kafka) throws Exception {
        produce(kafka, "consume-poison", 1, 5, 5);
        Path journal = dir.resolve("poison.jsonl");

        LanesProcess.Finished run = LanesProcess.run(60, "consume", "--bootstrap", kafka.bootstrapServers(),
                "--topic", "consume-poison", "--group", "poison", "--ordering", "PARTITION",
                "--concurrency", "4", "--max-attempts", "2", "--fail-rate", "1.0",
                "--journal", journal.toString(), "--exit-when-idle", "30s");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.errLines()).as(run.err()).singleElement().asString().matches(
                "lanes: error: consume-poison-0@0 attempt 2 failed its last attempt \\(maxAttempts=2\\);"
                        + " .*simulated failure \\(--fail-rate\\)");
        assertThat(run.out()).isEmpty();
        assertThat(JournalLine.readAll(journal))
                .extracting(JournalLine::offset, JournalLine::attempt, JournalLine::outcome)
                .containsExactly(tuple(0L, 1, "error"), tuple(0L, 2, "error"));
        // Nothing passes the failed record: at most its own offset is committed.
        assertThat(committed(kafka, "poison").getOrDefault(new TopicPartition("consume-poison", 0), 0L))
                .isZero();
    }

    @Test
    void afterKillMinus9EveryCommittedRecordHasItsOkLine(EmbeddedKafka kafka) throws Exception {
        assertCommittedRecordsJournaled(kafka, "consume-kill", true);
    }

    @Test
    void sigtermDrainsCommitsEverythingEndedAndPrintsTheSummary(EmbeddedKafka kafka) throws Exception {
        assertCommittedRecordsJournaled(kafka, "consume-term", false);
    }

    @Test
    void aMissingTopicIsOneLine(EmbeddedKafka kafka) throws Exception {
        LanesProcess.Finished run = LanesProcess.run(30, "consume", "--bootstrap", kafka.bootstrapServers(),
                "--topic", "no-such-topic", "--group", "g", "--ordering", "KEY", "--concurrency", "4");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.millis()).isLessThan(10_000);
        assertThat(run.errLines()).containsExactly("lanes: error: topic no-such-topic does not exist on "
                + kafka.bootstrapServers());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnreachableBrokerIsOneLine() {
        CliRun run = CliRun.of("consume", "--bootstrap", "127.0.0.1:9", "--topic", "t", "--group", "g",
                "--ordering", "KEY", "--concurrency", "4");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("lanes: error: cannot reach Kafka at 127.0.0.1:9"
                + " within 5 s; is a broker running there? (start one with: ./lanes broker)");
    }

    /**
     * Runs consume on 6000 records (3 partitions, 4 at a time, 2 ms each: about 3 s of work),
     * stops it part-way (kill -9, or SIGTERM), then checks every record below each committed
     * offset has an ok line. After SIGTERM the commit must also cover every record that ended.
     */
    private void assertCommittedRecordsJournaled(EmbeddedKafka kafka, String topic, boolean kill)
            throws Exception {
        produce(kafka, topic, 3, 6000, 20);
        Path journal = dir.resolve(topic + ".jsonl");
        Process process = LanesProcess.builder("consume", "--bootstrap", kafka.bootstrapServers(),
                        "--topic", topic, "--group", topic, "--ordering", "KEY", "--concurrency", "4",
                        "--work-ms", "2", "--journal", journal.toString())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> JournalLine.count(journal) >= 2500 || !process.isAlive());
            assertThat(process.isAlive()).as(Files.readString(dir.resolve("err.txt"))).isTrue();
            if (kill) {
                process.destroyForcibly(); // SIGKILL
            } else {
                process.destroy(); // SIGTERM
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        String err = Files.readString(dir.resolve("err.txt"));
        String out = Files.readString(dir.resolve("out.txt"));
        List<JournalLine> lines = JournalLine.readAll(journal);
        assertThat(lines.size()).isGreaterThanOrEqualTo(2500).isLessThan(6000 + 100);
        Map<TopicPartition, Long> committed = committed(kafka, topic);
        assertThat(committed.values().stream().mapToLong(Long::longValue).sum())
                .as("records committed before the stop").isPositive();
        // No failure policy ends a record in this run, so a record that ended has an ok line.
        assertThat(lines).extracting(JournalLine::outcome).doesNotContain("dead-letter", "skipped");
        Set<RecordId> committedRecords = new HashSet<>();
        committed.forEach((partition, offset) -> {
            for (long o = 0; o < offset; o++) {
                committedRecords.add(new RecordId(partition.topic(), partition.partition(), o));
            }
        });
        // Every committed record has its ok line.
        GuaranteeChecker.of(invocations(lines)).assertAtLeastOnce(committedRecords);
        Map<TopicPartition, Set<Long>> ok = okOffsets(lines);
        if (kill) {
            assertThat(process.exitValue()).isEqualTo(137);
        } else {
            assertThat(process.exitValue()).as(err).isEqualTo(143);
            assertThat(out).startsWith("consumed ");
            assertThat(err).doesNotContain("Exception");
            // A graceful close commits everything that ended: each partition's committed offset
            // is the first offset without an ok line.
            ok.forEach((partition, offsets) -> {
                long next = 0;
                while (offsets.contains(next)) {
                    next++;
                }
                assertThat(committed.getOrDefault(partition, 0L)).as("committed offset of %s", partition)
                        .isEqualTo(next);
            });
        }
    }

    private static void produce(EmbeddedKafka kafka, String topic, int partitions, int count, int keys) {
        kafka.createTopic(topic, partitions);
        CliRun run = CliRun.of("produce", "--bootstrap", kafka.bootstrapServers(), "--topic", topic,
                "--count", String.valueOf(count), "--keys", String.valueOf(keys), "--value-bytes", "16");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static Map<TopicPartition, Set<Long>> okOffsets(List<JournalLine> lines) {
        return lines.stream().filter(line -> line.outcome().equals("ok")).collect(Collectors.groupingBy(
                line -> new TopicPartition(line.topic(), line.partition()),
                Collectors.mapping(JournalLine::offset, Collectors.toSet())));
    }

    private static List<Invocation> invocations(List<JournalLine> lines) {
        return lines.stream().map(JournalLine::toInvocation).toList();
    }

    private static Map<TopicPartition, Set<Long>> producedOffsets(EmbeddedKafka kafka, String topic,
                                                                 int partitions) throws Exception {
        Map<TopicPartition, Set<Long>> offsets = new HashMap<>();
        producedEnds(kafka, topic, partitions).forEach((partition, end) -> offsets.put(partition,
                java.util.stream.LongStream.range(0, end).boxed().collect(Collectors.toSet())));
        return offsets;
    }

    private static Map<TopicPartition, Long> producedEnds(EmbeddedKafka kafka, String topic, int partitions)
            throws Exception {
        Map<TopicPartition, Long> ends = TopicContents.ends(kafka, topic);
        assertThat(ends).hasSize(partitions);
        return ends;
    }

    private static Map<TopicPartition, Long> committed(EmbeddedKafka kafka, String group) throws Exception {
        return TopicContents.committed(kafka, group);
    }
}
