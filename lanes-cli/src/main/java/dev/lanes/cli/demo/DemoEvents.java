package dev.lanes.cli.demo;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The events of {@code lanes demo}: the article's product updates, scaled down. Event {@code i}
 * updates one of {@code keys} products ({@code product-0} …, drawn at random) and needs a
 * log-normal I/O time of mean {@code meanMs}: most calls are near the median, a few take several
 * times as long, as calls to a database or an HTTP service do. The I/O time travels in the
 * record's value (8 bytes, microseconds), so every strategy, on every topic, gets the same events
 * with the same work. Deterministic for a seed. Immutable after construction.
 */
final class DemoEvents {

    private final int count;
    private final int keys;
    private final double meanMs;
    private final double sigma;
    private final long seed;
    private final int[] keyOf;
    private final long[] workMicros;
    private final long totalWorkMicros;
    private final long longestKeyMicros;
    private final long longestEventMicros;

    /**
     * @param count events
     * @param keys distinct products
     * @param meanMs mean I/O time of one event
     * @param sigma the spread of the log-normal: the standard deviation of the log of the time
     *     (0 gives every event the mean)
     * @param seed the random seed
     */
    DemoEvents(int count, int keys, double meanMs, double sigma, long seed) {
        this.count = count;
        this.keys = keys;
        this.meanMs = meanMs;
        this.sigma = sigma;
        this.seed = seed;
        keyOf = new int[count];
        workMicros = new long[count];
        Random random = new Random(seed);
        // The mean of exp(N(mu, sigma²)) is exp(mu + sigma²/2): choose mu so that it is meanMs.
        double mu = Math.log(meanMs * 1000) - sigma * sigma / 2;
        long[] perKey = new long[keys];
        long total = 0;
        long longest = 0;
        for (int i = 0; i < count; i++) {
            keyOf[i] = random.nextInt(keys);
            workMicros[i] = Math.max(1, Math.round(Math.exp(mu + sigma * random.nextGaussian())));
            perKey[keyOf[i]] += workMicros[i];
            total += workMicros[i];
            longest = Math.max(longest, workMicros[i]);
        }
        totalWorkMicros = total;
        longestKeyMicros = Arrays.stream(perKey).max().orElse(0);
        longestEventMicros = longest;
    }

    int count() {
        return count;
    }

    /** The key of event {@code i}. */
    String key(int i) {
        return "product-" + keyOf[i];
    }

    /** The value of event {@code i}: its I/O time in microseconds. */
    byte[] value(int i) {
        return ByteBuffer.allocate(Long.BYTES).putLong(workMicros[i]).array();
    }

    /** The I/O time a record's value asks for, in microseconds; 0 for a value that is not ours. */
    static long workMicros(byte[] value) {
        return value != null && value.length == Long.BYTES ? Math.max(0, ByteBuffer.wrap(value).getLong()) : 0;
    }

    long workMicros(int i) {
        return workMicros[i];
    }

    /** The sum of every event's I/O time: what one consumer, sequentially, needs at best. */
    double totalWorkSeconds() {
        return totalWorkMicros / 1e6;
    }

    /**
     * The least time a strategy can take: the total work spread over its effective concurrency,
     * but never less than its longest chain of records that must run one after another (the
     * busiest partition where partitions are ordered, the busiest key for KEY, the longest event
     * otherwise).
     *
     * @param partitionWorkMicros the work on each partition of the strategy's topic
     */
    double idealSeconds(DemoStrategy strategy, long[] partitionWorkMicros) {
        long chain;
        if (strategy.partitionOrdered()) {
            chain = Arrays.stream(partitionWorkMicros).max().orElse(0);
        } else if (strategy.ordering() == dev.lanes.Ordering.KEY) {
            chain = longestKeyMicros;
        } else {
            chain = longestEventMicros;
        }
        return Math.max((double) totalWorkMicros / strategy.effectiveConcurrency(), chain) / 1e6;
    }

    /** One line: what the events are. */
    String describe() {
        long[] sorted = workMicros.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%,d events, %,d products (keys), I/O time log-normal mean %.1f ms"
                        + " (sigma %.2f: median %.1f ms, p99 %.1f ms, max %.1f ms), seed %d", count, keys, meanMs,
                sigma, percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3,
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e3, seed);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }
}
