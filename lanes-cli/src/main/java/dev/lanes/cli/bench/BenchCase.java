package dev.lanes.cli.bench;

import dev.lanes.Ordering;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cases of {@code lanes bench}: the plain {@code KafkaConsumer} loop (the yardstick), Lanes
 * with a no-op handler, and Lanes with a handler that sleeps a fixed time. Immutable.
 */
enum BenchCase {
    PLAIN("plain", null, false),
    NOOP_UNORDERED("noop-unordered", Ordering.UNORDERED, false),
    NOOP_PARTITION("noop-partition", Ordering.PARTITION, false),
    NOOP_KEY("noop-key", Ordering.KEY, false),
    SLEEP_UNORDERED("sleep-unordered", Ordering.UNORDERED, true),
    SLEEP_KEY("sleep-key", Ordering.KEY, true),
    SLEEP_PARTITION("sleep-partition", Ordering.PARTITION, true);

    private final String caseName;
    private final Ordering ordering;
    private final boolean sleeps;

    BenchCase(String caseName, Ordering ordering, boolean sleeps) {
        this.caseName = caseName;
        this.ordering = ordering;
        this.sleeps = sleeps;
    }

    /** The name on the command line, in the table and in the JSON. */
    String caseName() {
        return caseName;
    }

    /** The ordering of a Lanes case; {@code null} for {@code plain}. */
    Ordering ordering() {
        return ordering;
    }

    /** Whether the handler sleeps (the case is compared with its ideal rate, not with plain). */
    boolean sleeps() {
        return sleeps;
    }

    static Optional<BenchCase> named(String name) {
        return Arrays.stream(values()).filter(c -> c.caseName.equals(name)).findFirst();
    }

    /** Every case name, comma-separated, in the order they run by default. */
    static String allNames() {
        return Arrays.stream(values()).map(BenchCase::caseName).collect(Collectors.joining(","));
    }
}
