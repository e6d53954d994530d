package dev.lanes.cli.demo;

import dev.lanes.cli.KafkaClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The article's "multi-threaded consumers" of {@code lanes demo}: {@code members} consumers in
 * one group, each with a fixed pool of {@code threads}. The poll thread hands each partition's
 * records to a pool thread and pauses that partition, so its records stay in order; when the
 * task ends, the poll thread commits after it and resumes the partition. A partition is never
 * worked on by two threads, so the concurrency is at most the partitions a consumer owns, pool
 * or no pool. Done carefully (a wake-up, not a timed poll, brings each completion back) so that
 * this row shows the partition cap, not a slow implementation.
 *
 * <p>Threads: each consumer belongs to its poll thread ({@link ConsumerThreads}); completions
 * reach it through {@code completed} and {@link KafkaConsumer#wakeup()}. It does not handle a
 * rebalance in the middle of the run: the demo lets records be handled only once the group is
 * stable.
 */
final class ThreadPerPartitionConsumers extends ConsumerThreads {

    private static final Duration POLL = Duration.ofMillis(100);

    private final int threads;
    private final KafkaClients clients;
    private final String topic;
    private final String group;
    private final DemoProbe probe;

    ThreadPerPartitionConsumers(int members, int threads, KafkaClients clients, String topic, String group,
                                DemoProbe probe) {
        super(members, group);
        this.threads = threads;
        this.clients = clients;
        this.topic = topic;
        this.group = group;
        this.probe = probe;
    }

    /** A partition's records were handled up to {@code nextOffset}. */
    private record Completed(TopicPartition partition, long nextOffset) {
    }

    @Override
    void member(String name) {
        AtomicInteger workerNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread worker = new Thread(task, name + "-worker-" + workerNumber.getAndIncrement());
            worker.setDaemon(true);
            return worker;
        });
        Queue<Completed> completed = new ConcurrentLinkedQueue<>();
        try (KafkaConsumer<String, byte[]> consumer = DemoConsumers.plainConsumer(clients, group)) {
            try {
                consumer.subscribe(List.of(topic));
                while (running()) {
                    commitAndResume(consumer, completed);
                    ConsumerRecords<String, byte[]> records;
                    try {
                        records = consumer.poll(POLL);
                    } catch (WakeupException e) {
                        continue; // a task ended
                    }
                    for (TopicPartition partition : records.partitions()) {
                        List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
                        consumer.pause(List.of(partition));
                        pool.execute(() -> handle(consumer, partition, batch, completed));
                    }
                }
            } finally {
                // Before the consumer closes, which the tasks wake up: a record still sleeping need not finish.
                pool.shutdownNow();
                awaitQuietly(pool);
            }
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void commitAndResume(KafkaConsumer<String, byte[]> consumer, Queue<Completed> completed) {
        Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
        for (Completed done = completed.poll(); done != null; done = completed.poll()) {
            toCommit.put(done.partition(), new OffsetAndMetadata(done.nextOffset()));
        }
        // A partition that left the assignment meanwhile can be neither resumed nor committed.
        toCommit.keySet().retainAll(consumer.assignment());
        if (!toCommit.isEmpty()) {
            consumer.resume(toCommit.keySet());
            consumer.commitAsync(toCommit, null);
        }
    }

    /** On a pool thread: the partition's records in order, then hands the partition back. */
    private void handle(KafkaConsumer<String, byte[]> consumer, TopicPartition partition,
                        List<ConsumerRecord<String, byte[]>> batch, Queue<Completed> completed) {
        try {
            for (ConsumerRecord<String, byte[]> r : batch) {
                if (!running()) {
                    return;
                }
                probe.handle(r.partition(), r.offset(), r.value());
            }
            completed.add(new Completed(partition, batch.get(batch.size() - 1).offset() + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fail(e); // the row is void; the command sees it and stops waiting
        } finally {
            consumer.wakeup(); // the one KafkaConsumer method made to be called from another thread
        }
    }
}
