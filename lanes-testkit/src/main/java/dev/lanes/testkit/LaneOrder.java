package dev.lanes.testkit;

/**
 * The order the consumer was asked to keep, which decides the lanes the checker checks: the same
 * three modes as {@code dev.lanes.Ordering} (this kit does not depend on lanes-core; convert with
 * {@code LaneOrder.valueOf(ordering.name())}).
 */
public enum LaneOrder {
    /** One lane per partition. */
    PARTITION,
    /** One lane per (partition, key); records with a null key are in no lane (unordered). */
    KEY,
    /** No lanes: nothing to check. */
    UNORDERED;

    /** The lane of an invocation, or null when it is in none. */
    Object laneOf(Invocation invocation) {
        return switch (this) {
            case PARTITION -> new Lane(invocation.topic(), invocation.partition(), null);
            case KEY -> invocation.key() == null ? null
                    : new Lane(invocation.topic(), invocation.partition(), invocation.key());
            case UNORDERED -> null;
        };
    }

    private record Lane(String topic, int partition, String key) {
        @Override
        public String toString() {
            return topic + "-" + partition + (key == null ? "" : " key " + key);
        }
    }
}
