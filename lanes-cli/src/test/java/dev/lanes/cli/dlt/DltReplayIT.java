package dev.lanes.cli.dlt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.DeadLetterHeaders;
import dev.lanes.cli.CliRun;
import dev.lanes.cli.TopicContents;
import dev.lanes.embedded.EmbeddedKafka;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code lanes dlt replay} against the shared broker, on dead-letter topics written here the way
 * Lanes writes them (the end-to-end run from {@code lanes consume --dlt} is in
 * {@code ConsumeFailurePolicyIT}): back to each record's original topic, a run limited, repeated
 * runs that replay nothing twice, and the errors.
 */
class DltReplayIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    @Test
    void replaysEachDeadLetterOnceToItsOriginalTopicWithoutProvenanceAcrossRuns(EmbeddedKafka kafka) throws Exception {
        kafka.createTopic("orders", 3);
        kafka.createTopic("payments", 2);
        kafka.createTopic("orders.dlt", 3);
        List<ProducerRecord<byte[], byte[]>> written = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            written.add(deadLetter("orders.dlt", i % 2 == 0 ? "orders" : "payments", "key-" + i % 7, "value-" + i));
        }
        send(kafka, written);

        CliRun first = replay(kafka, "--topic", "orders.dlt", "--limit", "10");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).matches("replayed 10 records from orders\\.dlt to orders \\(\\d+\\), payments \\(\\d+\\);"
                + " --limit reached, more remain; progress kept in group lanes-dlt-replay-orders\\.dlt\\R");
        CliRun second = replay(kafka, "--topic", "orders.dlt");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).startsWith("replayed 20 records from orders.dlt to orders (");
        CliRun third = replay(kafka, "--topic", "orders.dlt");
        assertThat(third.out()).isEqualTo("replayed 0 records from orders.dlt; progress kept in group"
                + " lanes-dlt-replay-orders.dlt\n");

        List<ConsumerRecord<byte[], byte[]>> replayed = new ArrayList<>(TopicContents.records(kafka, "orders"));
        replayed.addAll(TopicContents.records(kafka, "payments"));
        assertThat(replayed).extracting(r -> r.topic() + " " + text(r.key()) + " " + text(r.value()))
                .containsExactlyInAnyOrderElementsOf(written.stream().map(w -> header(w, DeadLetterHeaders.ORIGINAL_TOPIC)
                        + " " + text(w.key()) + " " + text(w.value())).toList());
        assertThat(replayed).allSatisfy(r -> assertThat(Arrays.stream(r.headers().toArray())
                .map(h -> h.key() + "=" + (h.value() == null ? null : text(h.value()))))
                .containsExactly("trace=t-" + text(r.value()).substring(6), "tag=a", "tag=null"));
        // One key's replayed records keep their order (same key, same partition).
        Map<String, List<String>> orderPerKey = replayed.stream().filter(r -> r.topic().equals("orders"))
                .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
                .collect(Collectors.groupingBy(r -> text(r.key()), Collectors.mapping(r -> text(r.value()),
                        Collectors.toList())));
        orderPerKey.values().forEach(values -> assertThat(values)
                .isSortedAccordingTo(java.util.Comparator.comparingInt(v -> Integer.parseInt(v.substring(6)))));
        assertThat(TopicContents.committed(kafka, "lanes-dlt-replay-orders.dlt"))
                .isEqualTo(TopicContents.ends(kafka, "orders.dlt"));
    }

    @Test
    void aRecordWithoutItsOriginalTopicStopsTheRunAfterWhatCameBeforeIt(EmbeddedKafka kafka) throws Exception {
        kafka.createTopic("noorigin", 1);
        kafka.createTopic("noorigin.dlt", 1);
        ProducerRecord<byte[], byte[]> orphan = new ProducerRecord<>("noorigin.dlt", bytes("k"), bytes("value-2"));
        send(kafka, List.of(deadLetter("noorigin.dlt", "noorigin", "k", "value-0"),
                deadLetter("noorigin.dlt", "noorigin", "k", "value-1"), orphan));

        CliRun run = replay(kafka, "--topic", "noorigin.dlt");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("lanes: error: noorigin.dlt-0@2 has no lanes.dlt.original.topic"
                + " header; name the topic to replay it to with --to (2 records replayed before it)");
        assertThat(TopicContents.records(kafka, "noorigin")).hasSize(2);
        assertThat(TopicContents.committed(kafka, "lanes-dlt-replay-noorigin.dlt"))
                .containsEntry(new TopicPartition("noorigin.dlt", 0), 2L);

        CliRun elsewhere = replay(kafka, "--topic", "noorigin.dlt", "--to", "noorigin");
        assertThat(elsewhere.exitCode()).as(elsewhere.err()).isZero();
        assertThat(elsewhere.out()).startsWith("replayed 1 records from noorigin.dlt to noorigin (1)");
        assertThat(TopicContents.records(kafka, "noorigin")).extracting(r -> text(r.value()))
                .containsExactly("value-0", "value-1", "value-2");
    }

    @Test
    void missingTopicsAreOneLine(EmbeddedKafka kafka) throws Exception {
        CliRun noDlt = replay(kafka, "--topic", "no-such.dlt");
        assertThat(noDlt.exitCode()).isEqualTo(1);
        assertThat(noDlt.errLines()).containsExactly("lanes: error: topic no-such.dlt (--topic) does not exist");

        kafka.createTopic("gone.dlt", 1);
        send(kafka, List.of(deadLetter("gone.dlt", "gone", "k", "value-0")));
        CliRun noTarget = replay(kafka, "--topic", "gone.dlt");
        assertThat(noTarget.exitCode()).isEqualTo(1);
        assertThat(noTarget.errLines()).containsExactly("lanes: error: topic gone (the lanes.dlt.original.topic of"
                + " gone.dlt-0@0) does not exist (0 records replayed before it)");
        CliRun noTo = replay(kafka, "--topic", "gone.dlt", "--to", "nowhere");
        assertThat(noTo.errLines()).containsExactly("lanes: error: topic nowhere (--to) does not exist");
        assertThat(TopicContents.committed(kafka, "lanes-dlt-replay-gone.dlt")).isEmpty();
    }

    private static CliRun replay(EmbeddedKafka kafka, String... args) {
        List<String> all = new ArrayList<>(List.of("dlt", "replay", "--bootstrap", kafka.bootstrapServers()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** A record as Lanes dead-letters it: its own headers, then the provenance. */
    private static ProducerRecord<byte[], byte[]> deadLetter(String dlt, String original, String key, String value) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(dlt, bytes(key), bytes(value));
        record.headers().add("trace", bytes("t-" + value.substring(6))).add("tag", bytes("a")).add("tag", null)
                .add(DeadLetterHeaders.ORIGINAL_TOPIC, bytes(original))
                .add(DeadLetterHeaders.ORIGINAL_PARTITION, bytes("0"))
                .add(DeadLetterHeaders.ORIGINAL_OFFSET, bytes(value.substring(6)))
                .add(DeadLetterHeaders.ATTEMPTS, bytes("3"))
                .add(DeadLetterHeaders.EXCEPTION_CLASS, bytes("java.lang.IllegalStateException"));
        return record;
    }

    private static void send(EmbeddedKafka kafka, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record).get();
            }
        }
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
