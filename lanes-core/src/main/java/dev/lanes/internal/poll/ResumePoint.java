package dev.lanes.internal.poll;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a partition whose offsets went back resumes ({@code PartitionLifecycle#restart}): at the record just
 * returned, or lower, at the lowest record not ended, which a truncation leaves in the log; but
 * never below the log start. A record deleted by retention meanwhile is gone, and a position
 * below the log start would make the consumer apply {@code auto.offset.reset}: with
 * {@code latest}, every record up to the end would be skipped too. Called on the poller thread.
 */
final class ResumePoint {
    private static final Logger log = LoggerFactory.getLogger(ResumePoint.class);

    private ResumePoint() {
    }

    /**
     * @param lowestNotEnded the old state's committable offset
     * @param timeout how long the log start may take to read (only when the resume point is lower)
     */
    static long of(Consumer<?, ?> consumer, ConsumerRecord<?, ?> record, long lowestNotEnded, Duration timeout) {
        long resumeAt = Math.min(record.offset(), lowestNotEnded);
        if (resumeAt == record.offset()) {
            return resumeAt;
        }
        TopicPartition topicPartition = new TopicPartition(record.topic(), record.partition());
        try {
            Long logStart = consumer.beginningOffsets(List.of(topicPartition), timeout).get(topicPartition);
            return logStart == null ? resumeAt : Math.min(record.offset(), Math.max(resumeAt, logStart));
        } catch (RuntimeException e) {
            log.warn("{}: could not read the log start ({}); resuming at {}", topicPartition, e.toString(), resumeAt);
            return resumeAt;
        }
    }
}
