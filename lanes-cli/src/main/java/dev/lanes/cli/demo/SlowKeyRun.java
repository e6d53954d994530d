package dev.lanes.cli.demo;

import dev.lanes.GroupBacklog;
import dev.lanes.Ordering;
import dev.lanes.cli.CliException;
import dev.lanes.cli.KafkaClients;
import dev.lanes.cli.demo.SlowKeyResult.LagSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.KafkaException;

/**
 * The slow-key run of {@code lanes demo}: the article's one limitation of a parallel consumer,
 * "Kafka lag based HPA is difficult to achieve due to incorrect Kafka lag count", shown and
 * solved. One Lanes consumer in KEY order drains the demo's events while the records of one key
 * (the first event's, at the head of its partition) are held for a while; the rest flow. Every
 * {@value #SAMPLE_EVERY_MILLIS} ms it reads, from outside through the Admin API, Kafka's lag and
 * Lanes' backlog ({@link GroupBacklog}, as {@code lanes lag} and an autoscaler would), beside the
 * records really not ended (the probe's count). Kafka's lag cannot pass the held record's offset, so it counts every finished record
 * above it; the backlog subtracts them.
 *
 * <p>Runs on the command's thread; the consumer's workers run the handler.
 */
final class SlowKeyRun {

    static final long SAMPLE_EVERY_MILLIS = 200;
    static final int CONCURRENCY = 50;
    /** After every record ended, how long the run waits for the last commit to reach Kafka's lag. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaClients clients;
    private final DemoTopics topics;
    private final DemoEvents events;
    private final DemoProgress progress;
    private final Duration timeout;
    private final int partitions;

    SlowKeyRun(KafkaClients clients, DemoTopics topics, DemoEvents events, DemoProgress progress, Duration timeout,
               int partitions) {
        this.clients = clients;
        this.topics = topics;
        this.events = events;
        this.progress = progress;
        this.timeout = timeout;
        this.partitions = partitions;
    }

    /** The strategy the run uses: Lanes KEY at {@link #CONCURRENCY}, every other option at its default. */
    DemoStrategy strategy() {
        return new DemoStrategy("slow-key", "Lanes KEY, one key held", DemoStrategy.Kind.LANES, partitions, 1,
                CONCURRENCY, CONCURRENCY, Ordering.KEY, null);
    }

    /**
     * @param topic the run's topic, also its group; deleted afterwards
     * @param hold how long the slow key's records are held, from the start
     * @throws CliException if the run could not start (its topic, its group, the producer)
     */
    SlowKeyResult run(String topic, Duration hold) throws InterruptedException {
        String slowKey = events.key(0);
        long slowRecords = java.util.stream.IntStream.range(0, events.count())
                .filter(i -> events.key(i).equals(slowKey)).count();
        long[] bounds = new long[partitions];
        Arrays.fill(bounds, events.count());
        DemoProbe probe = new DemoProbe(bounds, events.count());
        CountDownLatch release = new CountDownLatch(1);
        List<LagSample> samples = new ArrayList<>();
        String note;
        topics.create(topic, partitions);
        try (DemoConsumers consumer = new LanesDemoConsumer(strategy(), clients, topic, topic, record -> {
            if (slowKey.equals(record.key())) {
                release.await();
            }
            probe.handle(record.partition(), record.offset(), record.value());
        })) {
            try {
                consumer.start();
                DemoGroup.awaitSettled(topics.admin(), topic, 1, partitions, timeout, consumer::failure);
                topics.produce(topic, partitions);
                probe.open();
                note = sample(topic, hold, probe, release, samples, consumer);
            } finally {
                release.countDown(); // held records must end, or close() would wait for them
                probe.open();
            }
        } finally {
            topics.delete(topic);
        }
        SlowKeyResult result = new SlowKeyResult(partitions, CONCURRENCY, events.count(), slowKey, slowRecords,
                hold.toNanos() / 1e9, samples, note);
        LagSample most = result.mostOvercounted();
        progress.line(String.format(Locale.ROOT, "slow key %s held %.1f s: %d samples%s%s", slowKey,
                result.holdSeconds(), samples.size(), most == null ? "" : String.format(Locale.ROOT,
                        "; at %.1f s Kafka's lag %,d, Lanes' backlog %,d", most.seconds(), most.kafkaLag(),
                        most.backlog()), note == null ? "" : " " + note));
        return result;
    }

    /**
     * Samples until every record ended and Kafka's lag reached 0 (the last commit landed); releases
     * the slow key once {@code hold} has passed. @return null, or why it stopped early
     */
    private String sample(String topic, Duration hold, DemoProbe probe, CountDownLatch release,
                          List<LagSample> samples, DemoConsumers consumer) throws InterruptedException {
        long start = probe.openedNanos();
        long deadline = start + timeout.toNanos();
        long settleBy = Long.MAX_VALUE;
        while (true) {
            long now = System.nanoTime();
            if (now - start >= hold.toNanos()) {
                release.countDown();
            }
            GroupBacklog lag = read(topic);
            // Counted after the lag was read: what ended in between only lowers it, so the
            // backlog (never below what was not ended when it was read) is never below it.
            long notEnded = events.count() - Math.min(events.count(), probe.distinct());
            samples.add(new LagSample((now - start) / 1e9, lag.totalKafkaLag(), lag.totalBacklog(), notEnded));
            progress.update("slow key", probe.distinct(), events.count(), probe.inFlight(), (now - start) / 1e9);
            if (notEnded == 0 && lag.totalKafkaLag() == 0) {
                return null;
            }
            if (notEnded == 0 && settleBy == Long.MAX_VALUE) {
                settleBy = now + SETTLE.toNanos();
            }
            if (consumer.failure() != null) {
                return "failed: " + consumer.failure();
            }
            if (now - deadline > 0 || now - settleBy > 0) {
                return String.format(Locale.ROOT, "stopped after %.1f s: %,d records not ended, Kafka's lag %,d",
                        (now - start) / 1e9, notEnded, lag.totalKafkaLag());
            }
            Thread.sleep(SAMPLE_EVERY_MILLIS);
        }
    }

    /** The group's lag and backlog now, the group named as its topic. */
    private GroupBacklog read(String topic) {
        try {
            return GroupBacklog.read(topics.admin(), topic, List.of(topic), READ_TIMEOUT);
        } catch (KafkaException | IllegalArgumentException e) {
            throw new CliException("cannot read the backlog of group " + topic + ": " + e.getMessage(), e);
        }
    }
}
