package dev.lanes.guarantees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lanes.DeadLetterHeaders;
import dev.lanes.FailedAttempt;
import dev.lanes.LanesConsumer;
import dev.lanes.LanesOptions;
import dev.lanes.Ordering;
import dev.lanes.RetryPolicy;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import dev.lanes.testkit.GuaranteeChecker;
import dev.lanes.testkit.Invocation;
import dev.lanes.testkit.InvocationJournal;
import dev.lanes.testkit.LaneOrder;
import dev.lanes.testkit.Outcome;
import dev.lanes.testkit.RecordId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Guarantees 9 (failure isolation) and 10 (dead letters are durable before they are committed),
 * against a real broker, from the records' point of view.
 */
class FailureIsolationIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final int PARTITIONS = 6;
    private static final Set<String> POISON_KEYS = Set.of("key-7", "key-8");
    private static final String HUNG_KEY = "hung";

    /** The records a test wrote: id, key and value as bytes. */
    private record Written(RecordId id, String key, String value) {
    }

    /** Every 400th value cannot be deserialized; the hung key's records never return by themselves. */
    private static List<Written> produce(String topic, int records) {
        KAFKA.kafka().createTopic(topic, PARTITIONS);
        List<Written> written = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KAFKA.kafka().producerProperties())) {
            for (int i = 0; i < records; i++) {
                String key = i % 1_000 == 999 ? HUNG_KEY : "key-" + (i % 100);
                String value = i % 400 == 0 ? "unreadable-" + i : "value-" + i;
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
                record.headers().add("trace", ("t" + i).getBytes(StandardCharsets.UTF_8));
                var metadata = producer.send(record).get();
                written.add(new Written(new RecordId(topic, metadata.partition(), metadata.offset()), key, value));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return written;
    }

    /** A String deserializer that refuses values that start with "unreadable". */
    public static final class PickyDeserializer extends StringDeserializer {
        @Override
        public String deserialize(String topic, byte[] data) {
            String text = super.deserialize(topic, data);
            if (text != null && text.startsWith("unreadable")) {
                throw new IllegalArgumentException("not a value: " + text);
            }
            return text;
        }
    }

    @Test
    void poisonUnreadableAndHungRecordsHoldOnlyTheirLanesAndAreDeadLetteredByteForByte() throws Exception {
        String topic = "isolation";
        String deadLetters = topic + ".dlt";
        List<Written> written = produce(topic, 5_000);
        Set<RecordId> doomed = written.stream()
                .filter(w -> POISON_KEYS.contains(w.key()) || w.key().equals(HUNG_KEY) || w.value().startsWith("unreadable"))
                .map(Written::id).collect(Collectors.toSet());
        InvocationJournal journal = new InvocationJournal();
        Map<RecordId, FailedAttempt> givenUp = new ConcurrentHashMap<>();
        LanesOptions<String, String> options = LanesOptions.<String, String>builder()
                .consumerProperties(KAFKA.kafka().consumerProperties("group-" + topic))
                .valueDeserializer(new PickyDeserializer())
                .topics(topic)
                .ordering(Ordering.KEY)
                .maxConcurrency(50)
                .handlerTimeout(Duration.ofMillis(300))
                .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(10))
                        .maxBackoff(Duration.ofMillis(20)).deadLetterTopic(deadLetters)
                        .givenUpListener((failure, action) -> givenUp.put(id(failure.record()), failure))
                        .build())
                .build();
        try (LanesConsumer<String, String> lanes = LanesConsumer.create(options)) {
            lanes.start(record -> {
                long start = journal.started();
                boolean ok = false;
                try {
                    if (record.key().equals(HUNG_KEY)) {
                        Thread.sleep(Long.MAX_VALUE); // a call that never returns; only the timeout ends it
                    }
                    if (POISON_KEYS.contains(record.key())) {
                        throw new IllegalStateException("poison " + record.key());
                    }
                    ok = true;
                } catch (InterruptedException e) {
                    throw new IllegalStateException("timed out", e);
                } finally {
                    journal.ended(Handlers.invocation(record, "a", start, ok));
                }
            });
            await().atMost(Duration.ofMinutes(2)).until(() -> journal.distinctRecordsEnded() + givenUp.size()
                    >= written.size());
            assertThat(lanes.termination().toCompletableFuture().isDone()).as("still running").isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> lagOf("group-" + topic, topic) == 0);
            assertThat(lanes.stats().deadLetteredRecords()).isEqualTo(doomed.size());
        }

        List<Invocation> invocations = journal.invocations();
        Set<RecordId> endedWell = invocations.stream().filter(i -> i.outcome() == Outcome.OK)
                .map(Invocation::id).collect(Collectors.toSet());
        assertThat(givenUp.keySet()).as("given up: exactly the poison, unreadable and hung records")
                .containsExactlyInAnyOrderElementsOf(doomed);
        assertThat(endedWell).as("every other record of every lane ended")
                .containsExactlyInAnyOrderElementsOf(written.stream().map(Written::id)
                        .filter(id -> !doomed.contains(id)).toList());
        GuaranteeChecker.of(invocations).assertLaneOrder(LaneOrder.KEY);
        assertThat(givenUp.values()).filteredOn(f -> f.attempt() == 0).as("unreadable: no attempt")
                .hasSize((int) written.stream().filter(w -> w.value().startsWith("unreadable")).count());

        List<ConsumerRecord<byte[], byte[]>> dead = readAll(deadLetters, doomed.size());
        Map<RecordId, Written> byId = written.stream().collect(Collectors.toMap(Written::id, w -> w));
        Map<String, List<Long>> offsetsPerKeyAndPartition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : dead) {
            RecordId original = new RecordId(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC),
                    Integer.parseInt(header(letter, DeadLetterHeaders.ORIGINAL_PARTITION)),
                    Long.parseLong(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)));
            Written source = byId.get(original);
            assertThat(source).as("a dead letter of a record written").isNotNull();
            assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo(source.key());
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo(source.value());
            assertThat(header(letter, "trace")).as("original headers kept").startsWith("t");
            assertThat(header(letter, DeadLetterHeaders.GROUP)).isEqualTo("group-" + topic);
            assertThat(header(letter, DeadLetterHeaders.EXCEPTION_CLASS)).isNotBlank();
            assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isIn("0", "2");
            offsetsPerKeyAndPartition.computeIfAbsent(source.key() + "/" + original.partition() + "/" + letter.partition(),
                    k -> new ArrayList<>()).add(original.offset());
        }
        assertThat(dead).as("each dead letter once").hasSize(doomed.size());
        offsetsPerKeyAndPartition.forEach((lane, offsets) ->
                assertThat(offsets).as("dead letters of %s in order", lane).isSorted());
        assertThat(offsetsPerKeyAndPartition.keySet().stream().map(lane -> lane.substring(0, lane.lastIndexOf('/')))
                .distinct().count()).as("one key's dead letters in one partition")
                .isEqualTo(offsetsPerKeyAndPartition.size());
    }

    @Test
    void anOutageIsHeldBackNotDeadLettered() throws Exception {
        String topic = "outage";
        List<Written> all = produce(topic, 2_000);
        // The "hung" key's records fail for good here: true poison among the outage's victims.
        Set<RecordId> poison = all.stream().filter(w -> w.key().equals(HUNG_KEY)).map(Written::id)
                .collect(Collectors.toSet());
        Set<RecordId> expected = all.stream().map(Written::id).filter(id -> !poison.contains(id))
                .collect(Collectors.toSet());
        InvocationJournal journal = new InvocationJournal();
        List<FailedAttempt> givenUp = new java.util.concurrent.CopyOnWriteArrayList<>();
        long outageEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        LanesOptions<String, String> options = LanesOptions.<String, String>builder()
                .consumerProperties(KAFKA.kafka().consumerProperties("group-" + topic))
                .topics(topic)
                .ordering(Ordering.UNORDERED)
                .maxConcurrency(50)
                .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(200))
                        .maxBackoff(Duration.ofMillis(400)).deadLetterTopic(topic + ".dlt")
                        .givenUpListener((failure, action) -> givenUp.add(failure))
                        .build())
                .build();
        try (LanesConsumer<String, String> lanes = LanesConsumer.create(options)) {
            lanes.start(record -> {
                long start = journal.started();
                boolean ok = System.nanoTime() - outageEnds > 0 && !record.key().equals(HUNG_KEY);
                journal.ended(Handlers.invocation(record, "a", start, ok));
                if (!ok) {
                    throw new IllegalStateException("downstream unavailable");
                }
            });
            await().atMost(Duration.ofMinutes(1)).until(() -> journal.invocations().stream()
                    .filter(i -> i.outcome() == Outcome.OK).map(Invocation::id).distinct().count() >= expected.size()
                    && givenUp.size() >= poison.size());
            assertThat(lanes.stats().get(dev.lanes.LanesMetric.FLOOD_GUARD_TRIPS)).isPositive();
        }

        assertThat(journal.invocations().stream().filter(i -> i.outcome() == Outcome.ERROR).count())
                .as("the outage failed attempts").isGreaterThan(100);
        assertThat(givenUp).extracting(failure -> id(failure.record()))
                .as("nothing dead-lettered that would have succeeded; the poison once the outage is over")
                .containsExactlyInAnyOrderElementsOf(poison);
    }

    @Test
    void aDeadLetterWriteThatFailsIsMadeAgainAndNothingIsCommittedPastItMeanwhile() throws Exception {
        String topic = "unwritable";
        String deadLetters = topic + ".dlt";
        KAFKA.kafka().createTopic(topic, 1);
        try (Admin admin = Admin.create(KAFKA.kafka().adminProperties())) {
            // Too small for any dead letter (its headers alone are larger): every write fails.
            admin.createTopics(List.of(new NewTopic(deadLetters, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "200")))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KAFKA.kafka().producerProperties())) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, i == 5 ? "poison" : "value-" + i)).get();
            }
        }
        List<FailedAttempt> givenUp = new ArrayList<>();
        LanesOptions<String, String> options = LanesOptions.<String, String>builder()
                .consumerProperties(KAFKA.kafka().consumerProperties("group-" + topic))
                .topics(topic)
                .ordering(Ordering.KEY)
                .commitInterval(Duration.ofMillis(100))
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).initialBackoff(Duration.ofMillis(50))
                        .maxBackoff(Duration.ofMillis(200)).deadLetterTopic(deadLetters)
                        .givenUpListener((failure, action) -> givenUp.add(failure))
                        .build())
                .build();
        try (LanesConsumer<String, String> lanes = LanesConsumer.create(options)) {
            lanes.start(record -> {
                if (record.value().equals("poison")) {
                    throw new IllegalStateException("poison");
                }
            });
            await().atMost(Duration.ofMinutes(1)).until(() -> lanes.stats().get(
                    dev.lanes.LanesMetric.DEAD_LETTER_WRITE_FAILURES) >= 3 && lanes.stats().endedRecords() == 19);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> committed("group-" + topic, new TopicPartition(topic, 0)) == 5);
            assertThat(givenUp).isEmpty();

            try (Admin admin = Admin.create(KAFKA.kafka().adminProperties())) {
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, deadLetters),
                        List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1048576"),
                                AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> committed("group-" + topic, new TopicPartition(topic, 0)) == 20);
        }
        assertThat(givenUp).extracting(f -> f.record().offset()).containsExactly(5L);
        assertThat(readAll(deadLetters, 1)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("poison");
    }

    private static RecordId id(ConsumerRecord<byte[], byte[]> record) {
        return new RecordId(record.topic(), record.partition(), record.offset());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    /** Every record of the topic, read until {@code expected} came and a second passed without more. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Map<String, Object> props = KAFKA.kafka().consumerProperties("reader-" + topic + "-" + System.nanoTime());
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.nanoTime();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() - deadline < 0
                    && (all.size() < expected || System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(1))) {
                var records = consumer.poll(Duration.ofMillis(200));
                records.forEach(all::add);
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
            }
        }
        return all;
    }

    private static long committed(String group, TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(KAFKA.kafka().adminProperties())) {
            var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            var committed = offsets.get(partition);
            return committed == null ? -1 : committed.offset();
        }
    }

    /** End offsets minus committed offsets, summed over the topic: Kafka's own view of the lag. */
    private static long lagOf(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(KAFKA.kafka().adminProperties())) {
            var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            long lag = 0;
            for (var end : ends.entrySet()) {
                var at = committed.get(end.getKey());
                lag += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return lag;
        }
    }
}
