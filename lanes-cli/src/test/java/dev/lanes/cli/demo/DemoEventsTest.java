package dev.lanes.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lanes.Ordering;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link DemoEvents}: deterministic, the configured mean, and the ideal times of the strategies. */
class DemoEventsTest {

    private static final DemoStrategy SEQUENTIAL = strategy("sequential", DemoStrategy.Kind.SEQUENTIAL, 16, 1, null);

    private static DemoStrategy strategy(String name, DemoStrategy.Kind kind, int partitions, int concurrency,
                                         Ordering ordering) {
        return new DemoStrategy(name, name, kind, partitions, 1, concurrency, concurrency, ordering, null);
    }

    @Test
    void theSameSeedGivesTheSameEvents() {
        DemoEvents a = new DemoEvents(1000, 50, 9, 0.5, 7);
        DemoEvents b = new DemoEvents(1000, 50, 9, 0.5, 7);
        DemoEvents other = new DemoEvents(1000, 50, 9, 0.5, 8);

        for (int i = 0; i < 1000; i++) {
            assertThat(b.key(i)).isEqualTo(a.key(i));
            assertThat(b.value(i)).isEqualTo(a.value(i));
        }
        assertThat(IntStream.range(0, 1000).filter(i -> other.workMicros(i) != a.workMicros(i)).count())
                .isGreaterThan(900);
    }

    @Test
    void theWorkHasTheConfiguredMeanAndALongTail() {
        DemoEvents events = new DemoEvents(20_000, 2000, 9, 0.5, 42);

        double meanMs = events.totalWorkSeconds() * 1000 / events.count();
        long[] sorted = IntStream.range(0, events.count()).mapToLong(events::workMicros).sorted().toArray();

        // The standard error of the mean is about 9 × 0.53 / √20000 ≈ 0.034 ms.
        assertThat(meanMs).isCloseTo(9.0, within(0.15));
        // Log-normal: the median is below the mean, and the tail reaches far beyond it.
        assertThat(sorted[sorted.length / 2] / 1000.0).isCloseTo(9 * Math.exp(-0.125), within(0.2));
        assertThat(sorted[sorted.length * 99 / 100] / 1000.0).isGreaterThan(2.5 * 9 * Math.exp(-0.125));
        assertThat(events.describe()).contains("20,000 events", "2,000 products", "mean 9.0 ms", "seed 42");
    }

    @Test
    void sigmaZeroGivesEveryEventTheMean() {
        DemoEvents events = new DemoEvents(100, 10, 4, 0, 1);

        assertThat(IntStream.range(0, 100).mapToLong(events::workMicros)).containsOnly(4000L);
        assertThat(events.totalWorkSeconds()).isEqualTo(0.4);
    }

    @Test
    void theValueCarriesTheWork() {
        DemoEvents events = new DemoEvents(10, 3, 9, 0.5, 3);

        for (int i = 0; i < 10; i++) {
            assertThat(DemoEvents.workMicros(events.value(i))).isEqualTo(events.workMicros(i));
        }
        assertThat(DemoEvents.workMicros(new byte[] {1, 2})).isZero();
        assertThat(DemoEvents.workMicros(null)).isZero();
    }

    @Test
    void theIdealIsTheWorkOverTheConcurrencyButNoLessThanTheLongestChain() {
        DemoEvents events = new DemoEvents(1000, 20, 10, 0, 5); // every event 10 ms: 10 s in all
        Map<String, Integer> perKey = new HashMap<>();
        IntStream.range(0, 1000).forEach(i -> perKey.merge(events.key(i), 1, Integer::sum));
        double longestKeySeconds = perKey.values().stream().mapToInt(Integer::intValue).max().orElseThrow() * 0.010;
        long[] balanced = new long[16];
        java.util.Arrays.fill(balanced, 10_000_000L / 16);
        long[] skewed = balanced.clone();
        skewed[0] = 4_000_000L;

        assertThat(events.idealSeconds(SEQUENTIAL, balanced)).isCloseTo(10, within(1e-9));
        DemoStrategy partition20 = strategy("p", DemoStrategy.Kind.LANES, 16, 20, Ordering.PARTITION);
        assertThat(partition20.effectiveConcurrency()).isEqualTo(16);
        assertThat(events.idealSeconds(partition20, balanced)).isCloseTo(10.0 / 16, within(1e-9));
        assertThat(events.idealSeconds(partition20, skewed)).isCloseTo(4.0, within(1e-9));
        DemoStrategy group20 = new DemoStrategy("g", "g", DemoStrategy.Kind.CONSUMER_GROUP, 16, 20, 1, 20, null, null);
        assertThat(events.idealSeconds(group20, skewed)).isCloseTo(4.0, within(1e-9));
        DemoStrategy key1000 = strategy("k", DemoStrategy.Kind.LANES, 16, 1000, Ordering.KEY);
        assertThat(events.idealSeconds(key1000, skewed)).isCloseTo(Math.max(0.01, longestKeySeconds), within(1e-9));
        DemoStrategy unordered50 = strategy("u", DemoStrategy.Kind.LANES, 4, 50, Ordering.UNORDERED);
        assertThat(unordered50.effectiveConcurrency()).isEqualTo(50);
        assertThat(events.idealSeconds(unordered50, skewed)).isCloseTo(10.0 / 50, within(1e-9));
    }

    @Test
    void theArticlesRowsAreAllThere() {
        assertThat(DemoStrategy.all(16, 4, 1000)).extracting(DemoStrategy::name).containsExactly("sequential",
                "group-20", "thread-per-partition", "lanes-partition-20", "lanes-key-20", "lanes-unordered-20",
                "lanes-unordered-50", "lanes-unordered-50-4p", "lanes-key-1000", "lanes-unordered-1000");
        assertThat(DemoStrategy.all(16, 4, 1000)).extracting(DemoStrategy::effectiveConcurrency)
                .containsExactly(1, 16, 16, 16, 20, 20, 50, 50, 1000, 1000);
    }
}
