package dev.lanes.guarantees;

import dev.lanes.embedded.EmbeddedKafka;
import dev.lanes.testkit.RecordId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Creates a topic and fills it with records whose keys cycle over {@code key-0 … key-(K-1)}.
 * {@link EmbeddedKafka#createTopic} returns only once every partition accepts writes, so the
 * idempotent producer cannot lose its first batches (KAFKA-15591).
 */
public final class TestTopic {
    private TestTopic() {
    }

    /** Returns the ids of the records written. */
    public static Set<RecordId> produce(EmbeddedKafka kafka, String topic, int partitions, int records, int keys) {
        kafka.createTopic(topic, partitions);
        Map<String, Object> props = kafka.producerProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Set<RecordId> written = new HashSet<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            Future<RecordMetadata>[] sends = newArray(records);
            for (int i = 0; i < records; i++) {
                String key = "key-" + (i % keys);
                sends[i] = producer.send(new ProducerRecord<>(topic, key, "value-" + i));
            }
            for (Future<RecordMetadata> send : sends) {
                RecordMetadata metadata = send.get();
                written.add(new RecordId(topic, metadata.partition(), metadata.offset()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return written;
    }

    @SuppressWarnings("unchecked")
    private static Future<RecordMetadata>[] newArray(int size) {
        return new Future[size];
    }
}
