package dev.lanes.cli.demo;

import dev.lanes.cli.CliException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's own lag of a group, as its consumer-groups tool and KEDA's Kafka scaler compute it: per
 * partition, the end offset minus the committed offset (minus the start offset where nothing is
 * committed yet). It does not read the commit metadata, so its backlog is
 * {@link GroupLagReader.GroupLag#UNKNOWN}. Used on the caller's thread.
 */
final class KafkaLagReader implements GroupLagReader {

    private final Admin admin;
    private final int partitions;

    /** @param partitions the partition count of the topics it reads */
    KafkaLagReader(Admin admin, int partitions) {
        this.admin = admin;
        this.partitions = partitions;
    }

    @Override
    public GroupLag read(String group, String topic, Duration timeout) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long lag = 0;
            for (TopicPartition tp : latest.keySet()) {
                OffsetAndMetadata c = committed.get(tp);
                long from = c != null ? c.offset() : starts.get(tp).offset();
                lag += Math.max(0, ends.get(tp).offset() - from);
            }
            return new GroupLag(lag, GroupLag.UNKNOWN);
        } catch (ExecutionException e) {
            throw new CliException("cannot read the lag of group " + group + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new CliException("cannot read the lag of group " + group + " within " + timeout.toMillis()
                    + " ms", e);
        }
    }
}
