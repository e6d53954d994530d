package dev.lanes.cli.dlt;

import dev.lanes.cli.BrokerConnection;
import dev.lanes.cli.ClientProperties;
import dev.lanes.cli.KafkaClients;
import dev.lanes.cli.OptionCheck;
import dev.lanes.cli.PartitionEnds;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanes dlt replay}: re-produces the dead letters of a topic to the topic each came from
 * ({@code lanes.dlt.original.topic}) or to {@code --to}, with its key, value and original headers
 * (every {@code lanes.dlt.*} header removed), and exits once it has read every partition up to
 * the end offset it had when the command started (later dead letters wait for the next run).
 *
 * <p>Progress is the committed offsets of the group {@code lanes-dlt-replay-<DLT>}, committed only
 * after the copies are acknowledged ({@code acks=all}, idempotent): a second run replays nothing
 * twice, and a run that fails part-way replays at most its last unacknowledged poll again. The
 * partitions are assigned, not subscribed: no group rebalance to wait for, so two replays of one
 * topic must not run at once. Main thread only.
 */
@Command(name = "replay",
        description = {"Re-produce dead-lettered records to the topic they came from (their"
                + " lanes.dlt.original.topic header) or to --to, with their original key, value and headers"
                + " (the lanes.dlt.* ones removed), up to the end of the topic as it was at start. Progress is"
                + " kept in the group lanes-dlt-replay-<DLT>, so a second run replays nothing twice."})
public final class ReplayCommand implements Callable<Integer> {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(15);
    /** A partition that yields nothing for this long, below its end offset, fails the command. */
    private static final Duration STALL = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", required = true, paramLabel = "B",
            description = "Kafka's bootstrap servers, e.g. 127.0.0.1:9092.")
    String bootstrap;

    @Mixin
    ClientProperties clientProperties;

    private KafkaClients clients;

    @Option(names = "--topic", required = true, paramLabel = "DLT", description = "The dead-letter topic.")
    String topic;

    @Option(names = "--to", paramLabel = "TOPIC",
            description = "Replay every record to this topic. Default: each record's original topic.")
    String to;

    @Option(names = "--limit", paramLabel = "N",
            description = "Replay at most N records in this run. Default: all, up to the end at start.")
    Long limit;

    @Override
    public Integer call() throws InterruptedException {
        checkOptions();
        clients = clientProperties.clients(spec, bootstrap);
        String group = "lanes-dlt-replay-" + topic;
        Replayer.Result result;
        try (Admin admin = BrokerConnection.open(clients)) {
            TargetTopics topics = new TargetTopics(admin, TOPIC_TIMEOUT);
            int partitions = topics.require(topic, "--topic");
            if (to != null) {
                topics.require(to, "--to");
            }
            long[] ends = PartitionEnds.of(admin, topic, partitions, TOPIC_TIMEOUT);
            Map<TopicPartition, Long> endByPartition = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                endByPartition.put(new TopicPartition(topic, p), ends[p]);
            }
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(group),
                         new ByteArrayDeserializer(), new ByteArrayDeserializer());
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(),
                         new ByteArraySerializer(), new ByteArraySerializer())) {
                consumer.assign(endByPartition.keySet());
                result = new Replayer(to, topics, STALL).run(consumer, producer,
                        new ReplayRange(endByPartition, limit == null ? Long.MAX_VALUE : limit));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        String where = new TreeMap<>(result.perTarget()).entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
        out.printf("replayed %d records from %s%s%s; progress kept in group %s%n", result.total(), topic,
                where.isEmpty() ? "" : " to " + where, result.moreRemain() ? "; --limit reached, more remain" : "",
                group);
        out.flush();
        return 0;
    }

    private void checkOptions() {
        if (topic.isBlank()) {
            OptionCheck.fail(spec, "--topic must not be empty");
        }
        if (to != null && to.isBlank()) {
            OptionCheck.fail(spec, "--to must not be empty");
        }
        if (topic.equals(to)) {
            OptionCheck.fail(spec, "--to must not be the dead-letter topic itself");
        }
        if (limit != null) {
            OptionCheck.atLeast(spec, "--limit", limit, 1);
        }
    }

    private Map<String, Object> consumerConfig(String group) {
        Map<String, Object> config = new HashMap<>();
        config.put("client.id", "lanes-dlt-replay");
        config.put("auto.offset.reset", "earliest");
        config = clients.properties(config);
        // The replay's progress is this group's commits, made by the replay alone.
        config.put("group.id", group);
        config.put("enable.auto.commit", false);
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("client.id", "lanes-dlt-replay");
        config.put("acks", "all");
        config.put("enable.idempotence", true);
        config.put("linger.ms", 5);
        // A broker that goes away fails the command in seconds, not minutes.
        config.put("max.block.ms", 10_000);
        config.put("request.timeout.ms", 10_000);
        config.put("delivery.timeout.ms", 30_000);
        return clients.properties(config);
    }
}
