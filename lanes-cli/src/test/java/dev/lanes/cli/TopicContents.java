package dev.lanes.cli;

import dev.lanes.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a test reads back from the broker with Kafka's own clients: a topic's end offsets, a
 * group's committed offsets, and every record of a topic as bytes.
 */
public final class TopicContents {

    private TopicContents() {
    }

    /** Every partition's end offset. */
    public static Map<TopicPartition, Long> ends(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }
    }

    /** The group's committed offsets (partitions without one are left out). */
    public static Map<TopicPartition, Long> committed(EmbeddedKafka kafka, String group) throws Exception {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    committed.put(partition, offset.offset());
                }
            });
            return committed;
        }
    }

    /** The node that coordinates the group (holds its offsets and membership). */
    public static int coordinator(EmbeddedKafka kafka, String group) throws Exception {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            return admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group)
                    .coordinator().id();
        }
    }

    /** Every record of the topic, partition by partition in offset order, without a group. */
    public static List<ConsumerRecord<byte[], byte[]>> records(EmbeddedKafka kafka, String topic) throws Exception {
        Map<TopicPartition, Long> ends = ends(kafka, topic);
        Map<String, Object> props = kafka.adminProperties();
        props.put("enable.auto.commit", false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                consumer.assign(List.of(end.getKey()));
                consumer.seekToBeginning(List.of(end.getKey()));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (consumer.position(end.getKey()) < end.getValue()) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("cannot read " + end.getKey() + " to " + end.getValue());
                    }
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
            }
        }
        return records;
    }
}
