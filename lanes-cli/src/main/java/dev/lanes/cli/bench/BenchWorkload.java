package dev.lanes.cli.bench;

import java.time.Duration;
import java.util.Map;

/**
 * What {@code lanes bench} produces and how each case runs, as checked by {@link BenchCommand}.
 * Immutable.
 *
 * @param records records produced, and read by {@code plain} and the no-op cases
 * @param keys distinct keys ({@code key-0} …), cycling
 * @param partitions partitions of the topic
 * @param valueBytes size of each value
 * @param sleepRecords records read by {@code sleep-unordered} and {@code sleep-key}
 * @param sleepPartitionRecords records read by {@code sleep-partition}
 * @param sleepMs what the sleeping handler sleeps
 * @param concurrency {@code maxConcurrency} of the sleep cases (the no-op cases use the default)
 * @param timeout the most a case may take
 * @param consumerOverrides Kafka consumer properties for every consumer
 * @param maxBatchSize a Lanes option for every Lanes case, or {@code null} for the default
 * @param maxBufferedRecords a Lanes option for every Lanes case, or {@code null} for the default
 */
record BenchWorkload(long records, int keys, int partitions, int valueBytes, long sleepRecords,
                     long sleepPartitionRecords, long sleepMs, int concurrency, Duration timeout,
                     Map<String, String> consumerOverrides, Integer maxBatchSize,
                     Integer maxBufferedRecords) {

    BenchWorkload {
        consumerOverrides = Map.copyOf(consumerOverrides);
    }

    /** How many records the case must see before it stops. */
    long needed(BenchCase benchCase) {
        switch (benchCase) {
            case SLEEP_UNORDERED:
            case SLEEP_KEY:
                return Math.min(sleepRecords, records);
            case SLEEP_PARTITION:
                return Math.min(sleepPartitionRecords, records);
            default:
                return records;
        }
    }

    /**
     * The best a sleep case can do, {@code min(concurrency, lanes) / sleep}, in records per
     * second; 0 for the other cases (compared with {@code plain}).
     */
    double ideal(BenchCase benchCase) {
        if (!benchCase.sleeps()) {
            return 0;
        }
        long lanes;
        switch (benchCase.ordering()) {
            case PARTITION:
                lanes = partitions;
                break;
            case KEY:
                lanes = keys;
                break;
            default:
                lanes = Long.MAX_VALUE;
        }
        return Math.min(concurrency, lanes) * 1000.0 / sleepMs;
    }
}
