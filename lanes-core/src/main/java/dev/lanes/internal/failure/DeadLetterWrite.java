package dev.lanes.internal.failure;

import dev.lanes.FailedAttempt;
import dev.lanes.LanesException;
import dev.lanes.internal.work.Completion;
import dev.lanes.internal.work.Inbox;
import dev.lanes.internal.work.WorkItem;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One record on its way to the dead-letter topic. A worker runs it (the topic check and
 * {@code send} may block); the producer's callback hands it back to the poller through the
 * {@link Inbox}, acknowledged or failed. A failed write is run again later by {@link DeadLetters}.
 *
 * <p>{@link #error} and {@link #fatal} are written by the worker or the producer's thread before
 * the hand-back and read by the poller after it; {@link #failedWrites} is the poller's.
 */
public final class DeadLetterWrite implements Runnable, Completion {
    private final WorkItem<?, ?> item;
    private final FailedAttempt failure;
    private final ProducerRecord<byte[], byte[]> record;
    private final Producer<byte[], byte[]> producer;
    private final DeadLetterClients.TopicCheck topic;
    private final Inbox inbox;
    private Exception error;
    private boolean fatal;
    private int failedWrites;

    DeadLetterWrite(WorkItem<?, ?> item, FailedAttempt failure, ProducerRecord<byte[], byte[]> record,
                    Producer<byte[], byte[]> producer, DeadLetterClients.TopicCheck topic, Inbox inbox) {
        this.item = item;
        this.failure = failure;
        this.record = record;
        this.producer = producer;
        this.topic = topic;
        this.inbox = inbox;
    }

    @Override
    public void run() {
        try {
            topic.ensureExists(failure.record().topic());
            producer.send(record, (metadata, sendError) -> {
                error = sendError;
                inbox.post(this);
            });
        } catch (LanesException e) {
            error = e;
            fatal = true;
            inbox.post(this);
        } catch (RuntimeException e) {
            error = e;
            inbox.post(this);
        }
    }

    /** Poller thread: gets it ready to run again. */
    void failedOnce() {
        failedWrites++;
        error = null;
        fatal = false;
    }

    public WorkItem<?, ?> item() {
        return item;
    }

    FailedAttempt failure() {
        return failure;
    }

    /** Null when the broker acknowledged the write. */
    Exception error() {
        return error;
    }

    /** Whether the failure cannot pass by itself (the topic may not be created). */
    boolean isFatal() {
        return fatal;
    }

    int failedWrites() {
        return failedWrites;
    }
}
