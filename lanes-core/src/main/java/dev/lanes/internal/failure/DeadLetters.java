package dev.lanes.internal.failure;

import dev.lanes.FailedAttempt;
import dev.lanes.RetryPolicy;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.work.Inbox;
import dev.lanes.internal.work.WorkItem;
import dev.lanes.internal.work.InFlight;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;

/**
 * Sends records given up to the dead-letter topic, off the poller thread: each write runs on the
 * executor and comes back through the {@link Inbox} as a {@link DeadLetterWrite}. A failed write
 * waits here for its retry (the record keeps holding its lane, un-ended, so nothing is committed
 * past it). The producer and the topic check are made at the first dead letter.
 *
 * <p>Confined to the poller thread. The only writer of the writes in flight and the retry queue.
 */
public final class DeadLetters {
    private final String topicName;
    private final String group;
    private final Supplier<Producer<byte[], byte[]>> producers;
    private final Supplier<DeadLetterClients.TopicCheck> topics;
    private final Executor executor;
    private final Inbox inbox;
    private final PriorityQueue<Due> retries = new PriorityQueue<>(Comparator.comparingLong(Due::atNanos));
    private Producer<byte[], byte[]> producer;
    private DeadLetterClients.TopicCheck topic;
    private int inFlight;
    /** The writes out (running, or waiting for the producer's answer), for health sampling. */
    private final Set<DeadLetterWrite> out = Collections.newSetFromMap(new IdentityHashMap<>());

    private record Due(DeadLetterWrite write, long atNanos) {
    }

    /** The dead-letter writer of {@code policy}, or {@code null} when it names no dead-letter topic. */
    public static DeadLetters of(RetryPolicy policy, String group, DeadLetterClients clients, Executor executor,
                                 Inbox inbox) {
        return policy.deadLetterTopic().map(topic -> new DeadLetters(topic, group, clients::producer,
                () -> clients.topicCheck(topic, policy.deadLetterPartitions()), executor, inbox))
                .orElse(null);
    }

    DeadLetters(String topicName, String group, Supplier<Producer<byte[], byte[]>> producers,
                Supplier<DeadLetterClients.TopicCheck> topics, Executor executor, Inbox inbox) {
        this.topicName = topicName;
        this.group = group;
        this.producers = producers;
        this.topics = topics;
        this.executor = executor;
        this.inbox = inbox;
    }

    /** Starts writing the record given up; it comes back through the inbox. */
    void write(WorkItem<?, ?> item, FailedAttempt failure) {
        if (producer == null) {
            producer = producers.get();
            topic = topics.get();
        }
        start(new DeadLetterWrite(item, failure, DeadLetterRecord.of(topicName, group, failure), producer, topic,
                inbox));
    }

    /** A write came back (acknowledged or not). */
    void returned(DeadLetterWrite write) {
        inFlight--;
        out.remove(write);
    }

    /** Runs the write again at {@code atNanos}. */
    void retryAt(DeadLetterWrite write, long atNanos) {
        write.failedOnce();
        retries.add(new Due(write, atNanos));
    }

    /** Starts the writes whose retry is due. */
    void startDue(long nowNanos) {
        while (!retries.isEmpty() && retries.peek().atNanos() - nowNanos <= 0) {
            start(retries.poll().write());
        }
    }

    long nanosUntilDue(long nowNanos) {
        Due next = retries.peek();
        return next == null ? Long.MAX_VALUE : Math.max(0, next.atNanos() - nowNanos);
    }

    /** The records given up to the dead-letter topic and not ended yet: written now, or waiting to be again. */
    boolean forEachWaiting(InFlight visitor) {
        for (DeadLetterWrite write : out) {
            if (!visitor.inFlight(write.item(), write.item().firstHandedNanos())) {
                return false;
            }
        }
        for (Due due : retries) {
            if (!visitor.inFlight(due.write().item(), due.write().item().firstHandedNanos())) {
                return false;
            }
        }
        return true;
    }

    /** Writes out (running, or waiting for the producer's answer). */
    public int inFlight() {
        return inFlight;
    }

    /** The writes waiting for a retry of a partition given up: dropped, its next owner handles their records. */
    List<WorkItem<?, ?>> forget(PartitionState partition) {
        List<WorkItem<?, ?>> dropped = new ArrayList<>();
        retries.removeIf(due -> {
            if (due.write().item().partitionState() == partition) {
                dropped.add(due.write().item());
                return true;
            }
            return false;
        });
        return dropped;
    }

    void close(Duration timeout) {
        if (producer != null) {
            producer.close(timeout);
            topic.close();
        }
    }

    private void start(DeadLetterWrite write) {
        inFlight++;
        out.add(write);
        try {
            executor.execute(write);
        } catch (RejectedExecutionException e) {
            write.run(); // on the poller thread: rare, and send blocks only when the producer's buffer is full
        }
    }
}
