package dev.lanes.cli.consume;

import dev.lanes.FailedAttempt;
import dev.lanes.FailureAction;
import dev.lanes.FailureHandler;
import dev.lanes.GivenUpListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The journal lines of what the failure policy decides, beside the handler's own lines: a
 * {@code dead-letter} line once the dead-letter write is acknowledged, a {@code skipped} line when
 * a record is skipped (both with the attempt after which it was given up, 0 for a record that
 * could not be deserialized), and, since such a record never reaches the handler, an {@code error}
 * line with attempt 0 for one that stops the consumer. Each line starts and ends at the moment of
 * the decision: the record's lane moves on only after it.
 *
 * <p>Called on the engine's poller thread. A failed write cannot fail the record from here (the
 * engine ignores what a listener throws); the journal keeps it and the command stops on it.
 */
final class GiveUpJournal implements GivenUpListener, FailureHandler {

    private final Journal journal;
    private final EpochMicros clock;

    GiveUpJournal(Journal journal, EpochMicros clock) {
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public void givenUp(FailedAttempt lastFailure, FailureAction action) {
        write(lastFailure, action == FailureAction.DEAD_LETTER ? Journal.Outcome.DEAD_LETTER : Journal.Outcome.SKIPPED);
    }

    /** Only watches: the policy's own action is taken (null). */
    @Override
    public FailureAction decide(FailedAttempt failure, FailureAction planned) {
        if (failure.attempt() == 0 && planned == FailureAction.STOP) {
            write(failure, Journal.Outcome.ERROR);
        }
        return null;
    }

    private void write(FailedAttempt failure, Journal.Outcome outcome) {
        ConsumerRecord<byte[], byte[]> record = failure.record();
        long now = clock.now();
        try {
            journal.append(record.topic(), record.partition(), record.offset(), keyOf(record), failure.attempt(),
                    now, now, outcome);
        } catch (IOException e) {
            // Kept by the journal: the command stops on it.
        }
    }

    /** The key as {@code lanes consume} reads it (UTF-8 text). */
    private static String keyOf(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }
}
