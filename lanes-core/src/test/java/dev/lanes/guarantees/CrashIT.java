package dev.lanes.guarantees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.LanesConsumer;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import dev.lanes.internal.offsets.DecodedOffsets;
import dev.lanes.internal.offsets.OffsetMetadataCodec;
import dev.lanes.testkit.GuaranteeChecker;
import dev.lanes.testkit.Invocation;
import dev.lanes.testkit.InvocationJournal;
import dev.lanes.testkit.LaneOrder;
import dev.lanes.testkit.RecordId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer JVM is killed with SIGKILL mid-run, with no close and no final commit; a new instance
 * takes over. Everything is handled, and the only records handled twice are those the dead one
 * ended after its last acknowledged commit and that the commit's metadata did not name.
 */
class CrashIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final String TOPIC = "crash";
    private static final String GROUP = "group-crash";
    private static final int RECORDS = 30_000;

    @Test
    void aKilledInstanceIsReplacedWithBoundedReplay(@TempDir Path dir) throws Exception {
        Set<RecordId> written = TestTopic.produce(KAFKA.kafka(), TOPIC, 12, RECORDS, 1_000);
        Path journalFile = dir.resolve("crashing.journal");
        Process crashing = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), CrashingConsumerMain.class.getName(),
                KAFKA.bootstrapServers(), TOPIC, GROUP, journalFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("crashing.log").toFile()).start();
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> lines(journalFile).size() >= 8_000);
        } finally {
            crashing.destroyForcibly();
            assertThat(crashing.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        List<Invocation> beforeCrash = lines(journalFile);
        Set<RecordId> replayable = endedAfterLastCommit(beforeCrash, committedAtCrash());

        InvocationJournal journal = new InvocationJournal();
        journal.addAll(beforeCrash);
        try (LanesConsumer<String, String> lanes = LanesConsumer.create(LanesOptions.<String, String>builder()
                .consumerProperties(KAFKA.kafka().consumerProperties(GROUP))
                .topics(TOPIC)
                .ordering(Ordering.KEY)
                .maxConcurrency(50)
                .build())) {
            lanes.start(Handlers.simulatedIo(journal, "successor", 1_000, 0));
            await().atMost(Duration.ofMinutes(2)).until(() -> journal.distinctRecordsEnded() >= RECORDS);
        }

        GuaranteeChecker checker = GuaranteeChecker.of(journal.invocations())
                .assertAtLeastOnce(written)
                .assertLaneOrder(LaneOrder.KEY);
        Set<RecordId> twice = checker.endedMoreThanOnce();
        System.out.printf("crash: %d records ended before the kill, %d of them after the last commit and not in "
                + "its metadata, %d handled twice%n", beforeCrash.size(), replayable.size(), twice.size());
        checker.assertReplayedOnly(replayable);
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedAtCrash() throws Exception {
        try (Admin admin = Admin.create(KAFKA.kafka().adminProperties())) {
            return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        }
    }

    /** The records the dead instance ended that its last acknowledged commit did not cover. */
    private static Set<RecordId> endedAfterLastCommit(List<Invocation> beforeCrash,
                                                      Map<TopicPartition, OffsetAndMetadata> committed) {
        Set<RecordId> replayable = new HashSet<>();
        for (Invocation invocation : beforeCrash) {
            OffsetAndMetadata commit = committed.get(new TopicPartition(TOPIC, invocation.partition()));
            if (commit == null) {
                replayable.add(invocation.id());
                continue;
            }
            DecodedOffsets ended = OffsetMetadataCodec.decode(commit.metadata(), commit.offset());
            if (invocation.offset() >= commit.offset() && !ended.contains(invocation.offset())) {
                replayable.add(invocation.id());
            }
        }
        return replayable;
    }

    /** The complete lines: a line the kill cut has no newline. */
    private static List<Invocation> lines(Path journal) throws IOException {
        if (!Files.exists(journal)) {
            return List.of();
        }
        String text = Files.readString(journal);
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().map(Invocation::parse).toList();
    }
}
