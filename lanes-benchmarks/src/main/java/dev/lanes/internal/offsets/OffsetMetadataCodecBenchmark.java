package dev.lanes.internal.offsets;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link OffsetMetadataCodec#encode(long, long[], int)}, which the poller runs once per partition
 * and commit: the score is the time per encode (of one partition's metadata).
 * <ul>
 *   <li>{@code DENSE}: 10,000 offsets above the committed one, 90 % of them ended at random
 *       (a partition with many records in flight, most of them done);
 *   <li>{@code SPARSE}: 100 ended offsets scattered over 1,000,000 offsets above the committed
 *       one (a stuck record with a long tail behind it, the bitset does not pay);
 *   <li>{@code RUNS}: 10,000 offsets in runs of 100 ended / 10 not ended (batched handlers).
 * </ul>
 *
 * <p>It sits in core's own package (a split package, fine on the class path) to reach
 * package-private members: lanes-benchmarks is the one module besides core allowed to use
 * {@code dev.lanes.internal} (see core's {@code ApiBoundaryTest}).
 *
 * <p>Run (after {@code ./mvnw -B -q -pl lanes-benchmarks -am package -DskipTests}):
 * <pre>
 * java -cp 'lanes-benchmarks/target/lanes-benchmarks-0.1.0.jar:lanes-benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main OffsetMetadataCodecBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OffsetMetadataCodecBenchmark {
    private static final long COMMITTED = 1_000_000_000L;

    @Param({"DENSE", "SPARSE", "RUNS"})
    public String shape;

    private long[] ended;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        long[] buffer = new long[10_000];
        int n = 0;
        switch (shape) {
            case "DENSE":
                for (int i = 1; i <= 10_000; i++) {
                    if (random.nextDouble() < 0.9) {
                        buffer[n++] = COMMITTED + i;
                    }
                }
                break;
            case "SPARSE":
                long step = 1_000_000 / 100;
                for (int i = 0; i < 100; i++) {
                    buffer[n++] = COMMITTED + 1 + i * step + random.nextInt((int) step - 1);
                }
                break;
            case "RUNS":
                for (int i = 1; i <= 10_000; i++) {
                    if (i % 110 < 100) {
                        buffer[n++] = COMMITTED + i;
                    }
                }
                break;
            default:
                throw new IllegalArgumentException(shape);
        }
        ended = java.util.Arrays.copyOf(buffer, n);
    }

    @Benchmark
    public Optional<String> encode() {
        return OffsetMetadataCodec.encode(COMMITTED, ended, OffsetMetadataCodec.KAFKA_DEFAULT_MAX_METADATA_CHARS);
    }

    /** Encodes, then decodes what was encoded (a new owner reading it at assignment). */
    @Benchmark
    public DecodedOffsets encodeDecode() {
        String metadata = OffsetMetadataCodec.encode(COMMITTED, ended, Integer.MAX_VALUE).orElseThrow();
        return OffsetMetadataCodec.decode(metadata, COMMITTED);
    }
}
