package dev.lanes.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.DeadLetterHeaders;
import dev.lanes.HandlerTimeoutException;
import dev.lanes.cli.CliRun;
import dev.lanes.cli.LanesProcess;
import dev.lanes.cli.TopicContents;
import dev.lanes.embedded.EmbeddedKafka;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import dev.lanes.testkit.GuaranteeChecker;
import dev.lanes.testkit.LaneOrder;
import dev.lanes.testkit.RecordId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes consume}'s failure policy as users run it: two instances (child JVMs) in one group,
 * KEY order, JSON values of which some are not JSON, and poison keys (--fail-keys). Whatever the
 * policy (dead-letter, skip), both instances keep running and exit 0, every record ends as the
 * journal says, and the group's lag is 0; with stop, the instance stops cleanly without committing
 * past the record.
 */
class ConsumeFailurePolicyIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final List<String> POISON = List.of("key-7", "key-150");

    @TempDir
    Path dir;

    /**
     * 30,000 records (1,000 keys, 6 partitions, every 97th value not JSON: 309), plus 20 with
     * headers of our own, two poison keys with 2 attempts each.
     */
    @Test
    void deadLetterEveryBadRecordOnceByteForByteWhileBothInstancesRunAndExit0(EmbeddedKafka kafka) throws Exception {
        String topic = "fp-dlt";
        String dlt = topic + ".dlt";
        List<ConsumerRecord<byte[], byte[]>> source = produce(kafka, topic, 30_000, 1_000, 97, true);
        Map<RecordId, ConsumerRecord<byte[], byte[]>> bad = bad(source);
        assertThat(bad).hasSize(309 + 60 + 10 + 5);

        List<JournalLine> lines = runTwoInstances(kafka, topic, "--dlt", dlt);

        assertEnds(lines, source, bad.keySet(), "dead-letter");
        List<ConsumerRecord<byte[], byte[]>> deadLetters = TopicContents.records(kafka, dlt);
        Map<RecordId, ConsumerRecord<byte[], byte[]>> byOrigin = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> dead : deadLetters) {
            RecordId origin = new RecordId(header(dead, DeadLetterHeaders.ORIGINAL_TOPIC),
                    Integer.parseInt(header(dead, DeadLetterHeaders.ORIGINAL_PARTITION)),
                    Long.parseLong(header(dead, DeadLetterHeaders.ORIGINAL_OFFSET)));
            assertThat(byOrigin.put(origin, dead)).as("dead-lettered twice: %s", origin).isNull();
        }
        assertThat(byOrigin.keySet()).isEqualTo(bad.keySet());
        byOrigin.forEach((origin, dead) -> assertDeadLetterOf(bad.get(origin), dead, topic));
        assertDeadLettersInOrderPerKey(deadLetters);
        assertThat(TopicContents.committed(kafka, topic)).as("lag 0").isEqualTo(TopicContents.ends(kafka, topic));

        // And back again: two replays put each dead letter once on a new topic, without provenance.
        kafka.createTopic(topic + ".again", 6);
        for (int run = 0; run < 2; run++) {
            CliRun replay = CliRun.of("dlt", "replay", "--bootstrap", kafka.bootstrapServers(), "--topic", dlt,
                    "--to", topic + ".again");
            assertThat(replay.exitCode()).as(replay.err()).isZero();
            assertThat(replay.out()).startsWith("replayed " + (run == 0 ? bad.size() : 0) + " records from " + dlt);
        }
        List<ConsumerRecord<byte[], byte[]>> again = TopicContents.records(kafka, topic + ".again");
        assertThat(again).extracting(ConsumerRecord::value).extracting(v -> new String(v, StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(bad.values().stream()
                        .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
        assertThat(again).allSatisfy(r -> assertThat(r.headers().toArray()).extracting(Header::key)
                .noneMatch(k -> k.startsWith(DeadLetterHeaders.PREFIX)));
    }

    /** As above, but skipped (and without records of our own). */
    @Test
    void skipEveryBadRecordWhileBothInstancesRunAndExit0(EmbeddedKafka kafka) throws Exception {
        String topic = "fp-skip";
        List<ConsumerRecord<byte[], byte[]>> source = produce(kafka, topic, 30_000, 1_000, 97, false);
        Map<RecordId, ConsumerRecord<byte[], byte[]>> bad = bad(source);
        assertThat(bad).hasSize(309 + 60);

        List<JournalLine> lines = runTwoInstances(kafka, topic, "--on-exhausted", "skip");

        assertEnds(lines, source, bad.keySet(), "skipped");
        assertThat(TopicContents.committed(kafka, topic)).as("lag 0").isEqualTo(TopicContents.ends(kafka, topic));
    }

    @Test
    void stopEndsTheInstanceCleanlyWithoutCommittingPastTheRecord(EmbeddedKafka kafka) throws Exception {
        String topic = "fp-stop";
        kafka.createTopic(topic, 1);
        produceWithCli(kafka, topic, 300, 10, 50);
        Path journal = dir.resolve("stop.jsonl");

        LanesProcess.Finished run = LanesProcess.run(90, "consume", "--bootstrap", kafka.bootstrapServers(),
                "--topic", topic, "--group", topic, "--ordering", "KEY", "--concurrency", "8", "--work-ms", "1",
                "--value-format", "json", "--on-exhausted", "stop", "--journal", journal.toString(),
                "--instance", "a", "--exit-when-idle", "30s");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .matches("lanes: error: fp-stop-0@49 attempt \\d+ cannot be deserialized; the consumer stops so that"
                        + " the record is not lost: .*not JSON.*");
        List<JournalLine> lines = JournalLine.readAll(journal);
        assertThat(lines).filteredOn(line -> line.offset() == 49).singleElement()
                .satisfies(line -> assertThat(line.attempt()).isZero())
                .satisfies(line -> assertThat(line.outcome()).isEqualTo("error"));
        long committed = TopicContents.committed(kafka, topic).getOrDefault(new TopicPartition(topic, 0), 0L);
        assertThat(committed).as("committed offset").isLessThanOrEqualTo(49);
        Set<Long> ok = lines.stream().filter(line -> line.outcome().equals("ok")).map(JournalLine::offset)
                .collect(Collectors.toSet());
        for (long offset = 0; offset < committed; offset++) {
            assertThat(ok).as("committed records have their ok line").contains(offset);
        }
    }

    /**
     * A key whose handler never returns (--hang-keys) with a handler timeout: each of its records
     * is dead-lettered after two timed-out attempts, while every other record, of its partition too,
     * finishes before the first timeout.
     */
    @Test
    void aHungKeyIsDeadLetteredAfterItsTimeoutsWhileEveryOtherKeyFinishes(EmbeddedKafka kafka) throws Exception {
        String topic = "fp-hang";
        kafka.createTopic(topic, 3);
        produceWithCli(kafka, topic, 300, 100, 0);
        Path journal = dir.resolve("hang.jsonl");

        LanesProcess.Finished run = LanesProcess.run(120, "consume", "--bootstrap", kafka.bootstrapServers(),
                "--topic", topic, "--group", topic, "--ordering", "KEY", "--concurrency", "8", "--work-ms", "1",
                "--value-format", "json", "--hang-keys", "key-5", "--handler-timeout", "1500ms",
                "--max-attempts", "2", "--dlt", topic + ".dlt", "--journal", journal.toString(),
                "--exit-when-idle", "3s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JournalLine> lines = JournalLine.readAll(journal);
        Map<Boolean, List<JournalLine>> hung = lines.stream()
                .collect(Collectors.partitioningBy(line -> line.key().equals("key-5")));
        Map<Long, List<String>> hungOutcomes = hung.get(true).stream().collect(Collectors.groupingBy(
                JournalLine::offset, Collectors.mapping(JournalLine::outcome, Collectors.toList())));
        assertThat(hungOutcomes).hasSize(3).allSatisfy((offset, outcomes) ->
                assertThat(outcomes).containsExactly("timeout", "timeout", "dead-letter"));
        assertThat(hung.get(true)).filteredOn(line -> line.outcome().equals("timeout"))
                .allSatisfy(line -> assertThat(line.endMicros() - line.startMicros()).isGreaterThan(1_400_000));
        long firstTimeout = hung.get(true).stream().mapToLong(JournalLine::endMicros).min().orElseThrow();
        assertThat(hung.get(false)).hasSize(297).allSatisfy(line -> {
            assertThat(line.outcome()).isEqualTo("ok");
            assertThat(line.endMicros()).as("ended before the hung key's first timeout").isLessThan(firstTimeout);
        });
        List<ConsumerRecord<byte[], byte[]>> deadLetters = TopicContents.records(kafka, topic + ".dlt");
        assertThat(deadLetters).hasSize(3).allSatisfy(dead -> {
            assertThat(header(dead, DeadLetterHeaders.EXCEPTION_CLASS)).isEqualTo(HandlerTimeoutException.class.getName());
            assertThat(header(dead, DeadLetterHeaders.ATTEMPTS)).isEqualTo("2");
        });
        assertThat(TopicContents.committed(kafka, topic)).as("lag 0").isEqualTo(TopicContents.ends(kafka, topic));
    }

    /** Two instances, a and b, in the group named after the topic; both must exit 0. */
    private List<JournalLine> runTwoInstances(EmbeddedKafka kafka, String topic, String... policy) throws Exception {
        List<Process> processes = new ArrayList<>();
        List<Path> journals = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (String instance : List.of("a", "b")) {
                Path journal = dir.resolve(instance + ".jsonl");
                journals.add(journal);
                List<String> args = new ArrayList<>(List.of("consume", "--bootstrap", kafka.bootstrapServers(),
                        "--topic", topic, "--group", topic, "--ordering", "KEY", "--concurrency", "16",
                        // Long enough that the second instance gets partitions before the first is done:
                        // under the consumer protocol (KIP-848) a new member's partitions move at the
                        // next heartbeat of their owner (the broker's default interval: 5 s).
                        "--work-ms", "5", "--value-format", "json", "--fail-keys", String.join(",", POISON),
                        "--max-attempts", "2", "--journal", journal.toString(), "--instance", instance,
                        "--exit-when-idle", "3s"));
                args.addAll(Arrays.asList(policy));
                processes.add(LanesProcess.builder(args.toArray(String[]::new))
                        .redirectOutput(dir.resolve(instance + ".out").toFile())
                        .redirectError(dir.resolve(instance + ".err").toFile()).start());
            }
            for (int i = 0; i < processes.size(); i++) {
                Process process = processes.get(i);
                String instance = i == 0 ? "a" : "b";
                assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("instance %s exited", instance).isTrue();
                String err = java.nio.file.Files.readString(dir.resolve(instance + ".err"));
                assertThat(process.exitValue()).as("instance %s: %s", instance, err).isZero();
                assertThat(err).doesNotContain("Exception").doesNotContain("error");
                assertThat(java.nio.file.Files.readString(dir.resolve(instance + ".out"))).startsWith("consumed ");
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        System.out.printf("%s: both instances done in %.1f s%n", topic, (System.nanoTime() - started) / 1e9);
        List<JournalLine> lines = new ArrayList<>();
        for (Path journal : journals) {
            List<JournalLine> own = JournalLine.readAll(journal);
            assertThat(own).as("%s took part", journal.getFileName()).isNotEmpty();
            lines.addAll(own);
        }
        return lines;
    }

    /**
     * Every bad record ended with {@code givenUp} (once, a record that is not JSON on one line with
     * attempt 0), every other record ok, in order per key.
     */
    private static void assertEnds(List<JournalLine> lines, List<ConsumerRecord<byte[], byte[]>> source,
                                   Set<RecordId> bad, String givenUp) {
        // In time order, across both instances' journals (their clocks are this machine's).
        Map<RecordId, List<JournalLine>> byRecord = lines.stream()
                .sorted(java.util.Comparator.comparingLong(JournalLine::endMicros))
                .collect(Collectors.groupingBy(line -> new RecordId(line.topic(), line.partition(), line.offset())));
        for (ConsumerRecord<byte[], byte[]> record : source) {
            RecordId id = new RecordId(record.topic(), record.partition(), record.offset());
            List<String> outcomes = byRecord.getOrDefault(id, List.of()).stream().map(JournalLine::outcome).toList();
            if (!bad.contains(id)) {
                assertThat(outcomes).as("%s", id).contains("ok").doesNotContain(givenUp);
            } else if (notJson(record)) {
                assertThat(byRecord.get(id)).as("%s", id).singleElement()
                        .satisfies(line -> assertThat(line.attempt()).isZero())
                        .satisfies(line -> assertThat(line.outcome()).isEqualTo(givenUp));
            } else {
                // Its last owner tried it twice; an owner before a rebalance may have tried it too.
                List<JournalLine> ofRecord = byRecord.get(id);
                assertThat(outcomes).as("%s", id).endsWith("error", "error", givenUp)
                        .containsOnly("error", givenUp).containsOnlyOnce(givenUp);
                assertThat(ofRecord.get(ofRecord.size() - 1).attempt()).as("%s", id).isEqualTo(2);
            }
        }
        assertThat(byRecord.keySet()).hasSize(source.size());
        GuaranteeChecker.of(lines.stream().map(JournalLine::toInvocation).toList())
                .assertAtLeastOnce(byRecord.keySet())
                .assertLaneOrder(LaneOrder.KEY)
                .assertNothingReplayed();
    }

    private static void assertDeadLetterOf(ConsumerRecord<byte[], byte[]> original, ConsumerRecord<byte[], byte[]> dead,
                                           String group) {
        String what = original.topic() + "-" + original.partition() + "@" + original.offset();
        assertThat(dead.key()).as(what).isEqualTo(original.key());
        assertThat(dead.value()).as(what).isEqualTo(original.value());
        List<Header> kept = Arrays.stream(dead.headers().toArray())
                .filter(h -> !h.key().startsWith(DeadLetterHeaders.PREFIX)).toList();
        assertThat(kept).as(what).isEqualTo(Arrays.asList(original.headers().toArray()));
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_TIMESTAMP)).isEqualTo(String.valueOf(original.timestamp()));
        assertThat(header(dead, DeadLetterHeaders.GROUP)).isEqualTo(group);
        assertThat(header(dead, DeadLetterHeaders.STACKTRACE)).isNotEmpty()
                .hasSizeLessThanOrEqualTo(DeadLetterHeaders.MAX_STACKTRACE_CHARS);
        if (notJson(original)) {
            assertThat(header(dead, DeadLetterHeaders.ATTEMPTS)).as(what).isEqualTo("0");
            assertThat(header(dead, DeadLetterHeaders.EXCEPTION_CLASS)).as(what).endsWith("DeserializationException");
            assertThat(header(dead, DeadLetterHeaders.EXCEPTION_MESSAGE)).as(what).contains("not JSON");
        } else {
            assertThat(header(dead, DeadLetterHeaders.ATTEMPTS)).as(what).isEqualTo("2");
            assertThat(header(dead, DeadLetterHeaders.EXCEPTION_CLASS)).as(what)
                    .isEqualTo(SimulatedWork.SimulatedFailure.class.getName());
            assertThat(header(dead, DeadLetterHeaders.EXCEPTION_MESSAGE)).as(what).contains("poison key");
        }
    }

    /** One key's dead letters sit in one partition of the dead-letter topic, in their original order. */
    private static void assertDeadLettersInOrderPerKey(List<ConsumerRecord<byte[], byte[]>> deadLetters) {
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byKey = deadLetters.stream().collect(Collectors.groupingBy(
                dead -> new String(dead.key(), StandardCharsets.UTF_8), java.util.LinkedHashMap::new,
                Collectors.toList()));
        for (String key : POISON) {
            List<ConsumerRecord<byte[], byte[]>> ofKey = byKey.get(key);
            assertThat(ofKey).as(key).hasSizeGreaterThan(10);
            assertThat(ofKey.stream().map(ConsumerRecord::partition).distinct()).as(key).hasSize(1);
            List<Long> origins = ofKey.stream()
                    .map(dead -> Long.parseLong(header(dead, DeadLetterHeaders.ORIGINAL_OFFSET))).toList();
            assertThat(origins).as(key).isSorted().doesNotHaveDuplicates();
        }
    }

    /**
     * Produces with {@code lanes produce --value-format json --bad-every}; with {@code headers},
     * also 20 records carrying headers of their own (10 of a poison key, 5 not JSON, 5 good).
     *
     * @return every record of the topic, as the broker has it
     */
    private static List<ConsumerRecord<byte[], byte[]>> produce(EmbeddedKafka kafka, String topic, int count, int keys,
                                                                int badEvery, boolean headers) throws Exception {
        kafka.createTopic(topic, 6);
        produceWithCli(kafka, topic, count, keys, badEvery);
        if (headers) {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties(),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 20; i++) {
                    String key = i < 10 ? POISON.get(0) : "key-" + (300 + i);
                    String value = i >= 10 && i < 15 ? "not JSON either " + i : "{\"extra\":" + i + "}";
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, bytes(key), bytes(value));
                    record.headers().add("trace-id", bytes("trace-" + i)).add("tag", bytes("x")).add("tag", null);
                    producer.send(record);
                }
            }
        }
        return TopicContents.records(kafka, topic);
    }

    /** @param badEvery every how many values one is not JSON, 0 for none */
    private static void produceWithCli(EmbeddedKafka kafka, String topic, int count, int keys, int badEvery) {
        List<String> args = new ArrayList<>(List.of("produce", "--bootstrap", kafka.bootstrapServers(),
                "--topic", topic, "--count", String.valueOf(count), "--keys", String.valueOf(keys),
                "--value-bytes", "64", "--value-format", "json"));
        if (badEvery > 0) {
            args.addAll(List.of("--bad-every", String.valueOf(badEvery)));
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /** The records that must be given up: a poison key, or a value that is not JSON. */
    private static Map<RecordId, ConsumerRecord<byte[], byte[]>> bad(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<RecordId, ConsumerRecord<byte[], byte[]>> bad = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (notJson(record) || POISON.contains(new String(record.key(), StandardCharsets.UTF_8))) {
                bad.put(new RecordId(record.topic(), record.partition(), record.offset()), record);
            }
        }
        return bad;
    }

    private static boolean notJson(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8).startsWith("not JSON");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s of %s-%d@%d", name, record.topic(), record.partition(), record.offset())
                .isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
