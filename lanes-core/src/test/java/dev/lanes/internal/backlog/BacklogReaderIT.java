package dev.lanes.internal.backlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.GroupBacklog;
import dev.lanes.PartitionBacklog;
import dev.lanes.PartitionBacklog.MetadataStatus;
import dev.lanes.embedded.EmbeddedKafka;
import dev.lanes.embedded.EmbeddedKafkaExtension;
import dev.lanes.internal.offsets.OffsetMetadataCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link GroupBacklog#read} against a real broker, with commits written as the engine writes them:
 * which partitions it reports (with and without topics named), the subtraction, a partition never
 * committed counted from a log start above 0, and the errors.
 */
class BacklogReaderIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Test
    void readsEveryPartitionOfTheGroupsTopicsAndSubtractsTheEndedOffsets(EmbeddedKafka kafka) throws Exception {
        String topic = "backlog-reader";
        String group = "backlog-reader-group";
        kafka.createTopic(topic, 3);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProperties())) {
            for (int i = 0; i < 90; i++) {
                producer.send(new ProducerRecord<>(topic, i % 3, "k", "v" + i));
            }
        }
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        TopicPartition p2 = new TopicPartition(topic, 2);
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            admin.deleteRecords(Map.of(p2, RecordsToDelete.beforeOffset(5))).all().get(10, TimeUnit.SECONDS);
            admin.alterConsumerGroupOffsets(group, Map.of(
                    p0, new OffsetAndMetadata(10, OffsetMetadataCodec.encode(10, new long[] {12, 13, 15}, 4096).orElseThrow()),
                    p1, new OffsetAndMetadata(20, ""))).all().get(10, TimeUnit.SECONDS);

            GroupBacklog every = GroupBacklog.read(admin, group, List.of(), TIMEOUT);
            GroupBacklog named = GroupBacklog.read(kafka.adminProperties(), group, List.of(topic), TIMEOUT);

            for (GroupBacklog backlog : List.of(every, named)) {
                assertThat(backlog.group()).isEqualTo(group);
                assertThat(backlog.partitions()).containsExactly(
                        new PartitionBacklog(topic, 0, 30, 10, 20, 3, 17, MetadataStatus.LANES, "3 ended offsets, BITSET"),
                        new PartitionBacklog(topic, 1, 30, 20, 10, 0, 10, MetadataStatus.NONE, "no metadata"),
                        new PartitionBacklog(topic, 2, 30, PartitionBacklog.NO_COMMITTED_OFFSET, 25, 0, 25,
                                MetadataStatus.NO_COMMIT, "no committed offset: counted from the log start offset 5"));
                assertThat(backlog.totalKafkaLag()).isEqualTo(55);
                assertThat(backlog.totalBacklog()).isEqualTo(52);
            }
        }
    }

    @Test
    void anUnknownGroupHasNoPartitionsAndAnUnknownTopicIsRefused(EmbeddedKafka kafka) {
        assertThat(GroupBacklog.read(kafka.adminProperties(), "no-such-group", List.of(), TIMEOUT).partitions())
                .isEmpty();
        assertThatThrownBy(() -> GroupBacklog.read(kafka.adminProperties(), "g", List.of("no-such-topic"), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("topic no-such-topic does not exist");
    }
}
