package dev.lanes.internal.partition;

import dev.lanes.Ordering;
import dev.lanes.internal.schedule.Lane;

/**
 * Answers "which lane does this record join" for one {@link Ordering}, so that nothing else in the
 * engine branches on the ordering mode. Called on the poller thread only.
 */
public interface LaneStrategy {

    Lane laneFor(PartitionState partition, Object key);

    static LaneStrategy of(Ordering ordering, boolean orderNullKeys) {
        switch (ordering) {
            case PARTITION:
                return (partition, key) -> partition.partitionLane(true);
            case UNORDERED:
                return (partition, key) -> partition.partitionLane(false);
            case KEY:
                return (partition, key) -> key == null
                        ? partition.partitionLane(orderNullKeys)
                        : partition.keyLane(comparable(key));
            default:
                throw new IllegalArgumentException("unknown ordering " + ordering);
        }
    }

    /** Arrays compare by identity; their content is the key. */
    private static Object comparable(Object key) {
        return key instanceof byte[] bytes ? new BytesKey(bytes) : key;
    }
}
