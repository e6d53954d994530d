package dev.lanes.internal.offsets;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link OffsetTracker}: per record, one {@code track}, one {@code markEnded} and one
 * {@code committableOffset}, with up to {@value #WINDOW} records outstanding. {@code inOrder} ends
 * records in offset order (the head drops at once); {@code shuffled} ends each window in a random
 * order (the head waits, then drops a run), as concurrent handlers do. The score is per record.
 *
 * <p>It sits in core's own package (a split package, fine on the class path) to reach
 * package-private members: lanes-benchmarks is the one module besides core allowed to use
 * {@code dev.lanes.internal} (see core's {@code ApiBoundaryTest}).
 *
 * <p>Run (after {@code ./mvnw -B -q -pl lanes-benchmarks -am package -DskipTests}):
 * <pre>
 * java -cp 'lanes-benchmarks/target/lanes-benchmarks-0.1.0.jar:lanes-benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main OffsetTrackerBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OffsetTrackerBenchmark {
    private static final int ROUND = 4096;

    /** Records tracked before the first of them ends (records in flight in one partition). */
    private static final int WINDOW = 1000;
    private final int window = WINDOW;

    private OffsetTracker tracker;
    private long nextOffset;
    private long[] handles;
    private int[] endOrder;

    @Setup(Level.Iteration)
    public void setUp() {
        tracker = new OffsetTracker(0);
        nextOffset = 0;
        handles = new long[window];
        endOrder = new int[window];
        for (int i = 0; i < window; i++) {
            endOrder[i] = i;
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = window - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = endOrder[i];
            endOrder[i] = endOrder[j];
            endOrder[j] = t;
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROUND)
    public void inOrder(Blackhole bh) {
        for (int i = 0; i < ROUND; i++) {
            long h = tracker.track(nextOffset++);
            tracker.markEnded(h);
            bh.consume(tracker.committableOffset());
        }
    }

    /** Tracks a window, ends it in a random order; per record. */
    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public long shuffled(Blackhole bh) {
        for (int i = 0; i < window; i++) {
            handles[i] = tracker.track(nextOffset++);
        }
        for (int i = 0; i < window; i++) {
            tracker.markEnded(handles[endOrder[i]]);
            bh.consume(tracker.committableOffset());
        }
        return tracker.committableOffset();
    }
}
