package dev.lanes.cli.demo;

import dev.lanes.Ordering;
import java.util.List;

/**
 * One row of {@code lanes demo}: how the article's events are consumed. Immutable.
 *
 * @param name the name on the command line ({@code --strategies}) and in the JSON
 * @param label what the table and the report call it
 * @param kind how the records are consumed
 * @param partitions partitions of the strategy's topic
 * @param consumers consumers in the group (the article's pods × consumers per pod)
 * @param threads handler threads per consumer (1 but for {@link Kind#THREAD_PER_PARTITION}; for
 *     Lanes, the concurrency)
 * @param concurrency the most records in flight the strategy is configured for
 * @param ordering the Lanes ordering; {@code null} for the other kinds
 * @param article what the article reports for this row (its time, and its speed-up over 20 h
 *     sequentially), or {@code null}
 */
record DemoStrategy(String name, String label, Kind kind, int partitions, int consumers, int threads,
                    int concurrency, Ordering ordering, String article) {

    /** How a strategy consumes. */
    enum Kind {
        /** One consumer, one record at a time. */
        SEQUENTIAL,
        /** Many consumers in one group, each one record at a time ("more consumers per pod"). */
        CONSUMER_GROUP,
        /** Consumers whose poll thread hands each partition's records to a pool thread. */
        THREAD_PER_PARTITION,
        /** One Lanes consumer. */
        LANES
    }

    /**
     * The concurrency the strategy can reach on its topic: the partition count caps one record at
     * a time per partition (the plain strategies and Lanes PARTITION); KEY and UNORDERED are
     * capped only by their limit.
     */
    int effectiveConcurrency() {
        return switch (kind) {
            case SEQUENTIAL -> 1;
            case CONSUMER_GROUP, THREAD_PER_PARTITION -> Math.min(concurrency, partitions);
            case LANES -> ordering == Ordering.PARTITION ? Math.min(concurrency, partitions) : concurrency;
        };
    }

    /** Whether records of one partition run one at a time, in offset order. */
    boolean partitionOrdered() {
        return kind != Kind.LANES || ordering == Ordering.PARTITION;
    }

    /** "consumers × threads", as the article counts: pods × consumers per pod, × pool threads. */
    String shape() {
        return consumers + " × " + threads;
    }

    /**
     * The rows of the article, in its order, time-scaled by the demo: sequential, 20 consumers
     * in a group (5 per pod × 4 pods), 2 consumers × 10 threads, then Lanes.
     *
     * @param partitions the article's partition count (16)
     * @param fewPartitions the partition count of the "fewer partitions" row (4)
     * @param high the "as high as resources permit" concurrency (1000)
     */
    static List<DemoStrategy> all(int partitions, int fewPartitions, int high) {
        return List.of(
                new DemoStrategy("sequential", "one consumer, sequential", Kind.SEQUENTIAL, partitions, 1, 1, 1,
                        null, "20 h (1×)"),
                new DemoStrategy("group-20", "20 consumers in a group", Kind.CONSUMER_GROUP, partitions, 20, 1,
                        20, null, "6 h (3.3×)"),
                new DemoStrategy("thread-per-partition", "thread per partition", Kind.THREAD_PER_PARTITION,
                        partitions, 2, 10, 20, null, "3 h (6.7×)"),
                lanes("lanes-partition-20", Ordering.PARTITION, partitions, 20, null),
                lanes("lanes-key-20", Ordering.KEY, partitions, 20, null),
                lanes("lanes-unordered-20", Ordering.UNORDERED, partitions, 20, "1 h (20×)"),
                lanes("lanes-unordered-50", Ordering.UNORDERED, partitions, 50, null),
                lanes("lanes-unordered-50-" + fewPartitions + "p", Ordering.UNORDERED, fewPartitions, 50,
                        "16 → 4 partitions"),
                lanes("lanes-key-" + high, Ordering.KEY, partitions, high, null),
                lanes("lanes-unordered-" + high, Ordering.UNORDERED, partitions, high, null));
    }

    private static DemoStrategy lanes(String name, Ordering ordering, int partitions, int concurrency,
                                      String article) {
        return new DemoStrategy(name, "Lanes " + ordering, Kind.LANES, partitions, 1, concurrency, concurrency,
                ordering, article);
    }
}
