package dev.lanes.testkit;

import java.util.Objects;

/**
 * A record of a topic: where it is, not what it holds.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset in the partition
 */
public record RecordId(String topic, int partition, long offset) {

    /** Checks the topic is not null. */
    public RecordId {
        Objects.requireNonNull(topic, "topic");
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
