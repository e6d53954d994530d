package dev.lanes.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lanes.FailedAttempt;
import dev.lanes.FailureAction;
import dev.lanes.LanesRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal lines of failures: the handler's {@code error} and {@code timeout} lines, and the
 * lines of records the policy gave up ({@code dead-letter}, {@code skipped}, attempt 0 for one
 * that could not be deserialized), without a broker.
 */
class FailureJournalTest {

    @TempDir
    Path dir;

    @Test
    void poisonKeysFailEveryAttemptAndOtherKeysSucceed() throws Exception {
        Path file = dir.resolve("j.jsonl");
        try (Journal journal = Journal.open(file, "a")) {
            SimulatedWork<String> work = work(Set.of("key-1"), Set.of(), journal);
            assertThatThrownBy(() -> work.handle(record("key-1", 0, 1)))
                    .hasMessage("poison key key-1 (--fail-keys)");
            assertThatThrownBy(() -> work.handle(record("key-1", 0, 2)))
                    .hasMessage("poison key key-1 (--fail-keys)");
            work.handle(record("key-2", 1, 1));
        }
        assertThat(JournalLine.readAll(file)).extracting(JournalLine::key, JournalLine::attempt, JournalLine::outcome)
                .containsExactly(tuple("key-1", 1, "error"), tuple("key-1", 2, "error"), tuple("key-2", 1, "ok"));
    }

    @Test
    void aHangingKeyReturnsOnlyWhenInterruptedAndJournalsATimeout() throws Exception {
        Path file = dir.resolve("j.jsonl");
        try (Journal journal = Journal.open(file, "a")) {
            SimulatedWork<String> work = work(Set.of(), Set.of("key-9"), journal);
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            Thread worker = new Thread(() -> {
                try {
                    work.handle(record("key-9", 0, 1));
                    thrown.complete(null);
                } catch (Throwable e) {
                    thrown.complete(e);
                }
            });
            worker.start();
            Thread.sleep(300);
            assertThat(thrown).as("still hanging").isNotDone();
            worker.interrupt(); // what the engine's handler timeout does
            assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);

            work.closing(); // an interrupt while the command closes is no timeout
            Thread closing = new Thread(() -> {
                try {
                    work.handle(record("key-9", 1, 1));
                } catch (Exception expected) {
                    // interrupted
                }
            });
            closing.start();
            Thread.sleep(100);
            closing.interrupt();
            closing.join(5_000);
        }
        assertThat(JournalLine.readAll(file)).extracting(JournalLine::offset, JournalLine::outcome)
                .containsExactly(tuple(0L, "timeout"), tuple(1L, "error"));
    }

    @Test
    void givenUpRecordsGetTheirFinalOutcomeAndAnUnreadableOneAttemptZero() throws Exception {
        Path file = dir.resolve("j.jsonl");
        try (Journal journal = Journal.open(file, "a")) {
            GiveUpJournal giveUps = new GiveUpJournal(journal, new EpochMicros());
            giveUps.givenUp(new FailedAttempt(raw("key-3", 5), 3, new IllegalStateException("x"), true, true),
                    FailureAction.DEAD_LETTER);
            giveUps.givenUp(new FailedAttempt(raw("key-4", 6), 0, unreadable(6), false, true),
                    FailureAction.SKIP);
            // The policy's own decision is taken; a record that stops the consumer unread gets an error line.
            assertThat(giveUps.decide(new FailedAttempt(raw("key-5", 7), 0, unreadable(7), false, true),
                    FailureAction.STOP)).isNull();
            assertThat(giveUps.decide(new FailedAttempt(raw("key-6", 8), 1, new IllegalStateException("x"), true,
                    false), FailureAction.RETRY)).isNull();
            assertThat(giveUps.decide(new FailedAttempt(raw("key-6", 9), 0, unreadable(9), false, true),
                    FailureAction.DEAD_LETTER)).isNull();
        }
        assertThat(JournalLine.readAll(file))
                .extracting(JournalLine::offset, JournalLine::key, JournalLine::attempt, JournalLine::outcome)
                .containsExactly(tuple(5L, "key-3", 3, "dead-letter"), tuple(6L, "key-4", 0, "skipped"),
                        tuple(7L, "key-5", 0, "error"));
        assertThat(JournalLine.readAll(file)).allSatisfy(line -> {
            assertThat(line.topic()).isEqualTo("t");
            assertThat(line.endMicros()).isEqualTo(line.startMicros());
        });
    }

    private static SimulatedWork<String> work(Set<String> failKeys, Set<String> hangKeys, Journal journal) {
        return new SimulatedWork<>(0, 0, 0, failKeys, hangKeys, true, journal, new EpochMicros());
    }

    private static LanesRecord<String, String> record(String key, long offset, int attempt) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("t", 0, offset, key, "{}");
        return new LanesRecord<>() {
            @Override
            public ConsumerRecord<String, String> consumerRecord() {
                return record;
            }

            @Override
            public int attempt() {
                return attempt;
            }
        };
    }

    private static ConsumerRecord<byte[], byte[]> raw(String key, long offset) {
        return new ConsumerRecord<>("t", 0, offset, key.getBytes(StandardCharsets.UTF_8), new byte[] {'x'});
    }

    private static RecordDeserializationException unreadable(long offset) {
        return new RecordDeserializationException(RecordDeserializationException.DeserializationExceptionOrigin.VALUE,
                new org.apache.kafka.common.TopicPartition("t", 0), offset, 0L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, null, null,
                new org.apache.kafka.common.header.internals.RecordHeaders(), "not JSON", null);
    }
}
