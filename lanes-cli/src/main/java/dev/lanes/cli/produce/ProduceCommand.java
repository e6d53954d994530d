package dev.lanes.cli.produce;

import dev.lanes.cli.BrokerConnection;
import dev.lanes.cli.CliException;
import dev.lanes.cli.ClientProperties;
import dev.lanes.cli.KafkaClients;
import dev.lanes.cli.OptionCheck;
import dev.lanes.cli.PartitionEnds;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanes produce}: writes N records whose keys cycle over {@code key-0 … key-(K-1)}, fast
 * and durably (idempotent, {@code acks=all}), creating the topic if it is missing. Runs on the
 * main thread; the producer's callbacks run on its I/O thread and only count.
 */
@Command(name = "produce",
        description = {"Produce N records whose keys cycle over K keys (key-0 ... key-{K-1}),"
                + " creating the topic if it is missing, and print a summary."})
public final class ProduceCommand implements Callable<Integer> {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(15);

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", required = true, paramLabel = "B",
            description = "Kafka's bootstrap servers, e.g. 127.0.0.1:9092.")
    String bootstrap;

    @Mixin
    ClientProperties clientProperties;

    private KafkaClients clients;

    @Option(names = "--topic", required = true, paramLabel = "T", description = "The topic.")
    String topic;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Partitions of a topic created here. Default: the broker's num.partitions.")
    Integer partitions;

    @Option(names = "--replication", paramLabel = "R",
            description = "Replication factor of a topic created here."
                    + " Default: the broker's default.replication.factor.")
    Short replication;

    @Option(names = "--count", required = true, paramLabel = "N",
            description = "How many records to produce.")
    long count;

    @Option(names = "--keys", defaultValue = "100", paramLabel = "K",
            description = "How many distinct keys. Default: ${DEFAULT-VALUE}.")
    int keys;

    @Option(names = "--value-bytes", defaultValue = "100", paramLabel = "S",
            description = "Size of each value in bytes (about, for json). Default: ${DEFAULT-VALUE}.")
    int valueBytes;

    @Option(names = "--value-format", defaultValue = "text", paramLabel = "text|json",
            converter = ProducedValues.Format.Converter.class,
            description = "Values of letters, or JSON objects ({\"seq\":N,\"key\":\"key-K\",\"pad\":\"abc...\"}),"
                    + " which lanes consume --value-format json reads. Default: ${DEFAULT-VALUE}.")
    ProducedValues.Format valueFormat;

    @Option(names = "--bad-every", paramLabel = "N",
            description = "With --value-format json: every N-th value (the N-th, the 2N-th, ...) is text that"
                    + " is not JSON, to try a consumer's failure policy.")
    Long badEvery;

    @Override
    public Integer call() {
        checkOptions();
        clients = clientProperties.clients(spec, bootstrap);
        try (Admin admin = BrokerConnection.open(clients)) {
            PartitionEnds.of(admin, topic, ensureTopic(admin, false), TOPIC_TIMEOUT); // waits until they are open
        }
        long started = System.nanoTime();
        long payloadBytes = produce();
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);

        PrintWriter out = spec.commandLine().getOut();
        String values = valueFormat == ProducedValues.Format.TEXT ? valueBytes + "-byte values"
                : "JSON values of about " + valueBytes + " bytes"
                        + (badEvery == null ? "" : ", " + count / badEvery + " of them not JSON");
        out.printf("produced %d records to %s (%d keys, %s) in %.2f s: %.0f records/s,"
                + " %.1f MB/s%n", count, topic, keys, values, seconds, count / seconds,
                payloadBytes / seconds / 1e6);
        out.flush();
        return 0;
    }

    private void checkOptions() {
        if (topic.isBlank()) {
            OptionCheck.fail(spec, "--topic must not be empty");
        }
        OptionCheck.atLeast(spec, "--count", count, 1);
        OptionCheck.atLeast(spec, "--keys", keys, 1);
        OptionCheck.atLeast(spec, "--value-bytes", valueBytes, 0);
        if (badEvery != null) {
            OptionCheck.atLeast(spec, "--bad-every", badEvery, 1);
            if (valueFormat != ProducedValues.Format.JSON) {
                OptionCheck.fail(spec, "--bad-every needs --value-format json (text values are not JSON anyway)");
            }
        }
        if (partitions != null) {
            OptionCheck.atLeast(spec, "--partitions", partitions, 1);
        }
        if (replication != null) {
            OptionCheck.atLeast(spec, "--replication", replication, 1);
        }
    }

    /**
     * Creates the topic if it is missing; an existing topic is used as it is.
     *
     * @param raced whether a creation already failed because the topic existed
     * @return its partition count
     */
    private int ensureTopic(Admin admin, boolean raced) {
        try {
            Optional<TopicDescription> existing = describe(admin);
            if (existing.isPresent()) {
                int actual = existing.get().partitions().size();
                if (partitions != null && partitions != actual) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("lanes: note: topic " + topic + " exists with " + actual
                            + " partitions; --partitions " + partitions + " ignored");
                    err.flush();
                }
                return actual;
            }
            NewTopic newTopic = new NewTopic(topic, Optional.ofNullable(partitions),
                    Optional.ofNullable(replication));
            return admin.createTopics(List.of(newTopic)).numPartitions(topic)
                    .get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException && raced) {
                throw new CliException("topic " + topic + " exists but cannot be described", e);
            }
            if (e.getCause() instanceof TopicExistsException) {
                // Created meanwhile by someone else: use it, once.
                return ensureTopic(admin, true);
            }
            throw new CliException("cannot create topic " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new CliException("cannot create topic " + topic + " within "
                    + TOPIC_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while creating topic " + topic, e);
        }
    }

    private Optional<TopicDescription> describe(Admin admin)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** @return the bytes of keys and values sent */
    private long produce() {
        ProducedValues values = new ProducedValues(valueFormat, valueBytes, badEvery == null ? 0 : badEvery);
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long payloadBytes = 0;
        long sent = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(),
                new StringSerializer(), new ByteArraySerializer())) {
            for (; sent < count && firstError.get() == null; sent++) {
                String key = "key-" + (sent % keys);
                byte[] value = values.value(sent, key);
                payloadBytes += key.length() + value.length;
                producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        } catch (org.apache.kafka.common.KafkaException e) {
            firstError.compareAndSet(null, e);
        }
        Exception error = firstError.get();
        if (error != null) {
            throw new CliException("producing to " + topic + " failed (" + failed.get()
                    + " of " + sent + " records sent were not written): " + error.getMessage(),
                    error);
        }
        return payloadBytes;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("client.id", "lanes-produce");
        config.put("acks", "all");
        config.put("enable.idempotence", true);
        // Large batches, a short linger: throughput without a slow tail.
        config.put("linger.ms", 5);
        config.put("batch.size", 256 * 1024);
        config.put("buffer.memory", 64L * 1024 * 1024);
        // Values are synthetic; compressing them would only cost CPU on loopback.
        config.put("compression.type", "none");
        // A broker that goes away fails the command in seconds, not minutes.
        config.put("max.block.ms", 10_000);
        config.put("request.timeout.ms", 10_000);
        config.put("delivery.timeout.ms", 30_000);
        return clients.properties(config);
    }
}
