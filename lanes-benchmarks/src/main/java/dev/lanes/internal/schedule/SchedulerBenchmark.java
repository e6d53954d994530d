package dev.lanes.internal.schedule;

import dev.lanes.Ordering;
import dev.lanes.internal.offsets.OffsetMetadataCodec;
import dev.lanes.internal.partition.LaneStrategy;
import dev.lanes.internal.partition.PartitionState;
import dev.lanes.internal.work.WorkItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The poller's per-record work in the {@link Scheduler}, per ordering mode: one poll's worth of
 * records ({@value #POLL} records over 12 partitions, keys cycling over {@code keys}) is looked up
 * in its lane ({@link LaneStrategy}), enqueued, drained with {@code fill} into batches of up to
 * {@code batchSize} records (as {@code Dispatcher#startWork} does), and every record is then reported
 * {@code ended}. The score is the time per record for the whole enqueue/fill/ended cycle.
 *
 * <p>Ordered lanes hand out at most one run per lane per {@code fill}, so PARTITION needs
 * more {@code fill} calls than UNORDERED for the same records; KEY pays a hash lookup
 * (and, when a key lane empties, a removal) per record.
 *
 * <p>It sits in core's own package (a split package, fine on the class path) to reach
 * package-private members: lanes-benchmarks is the one module besides core allowed to use
 * {@code dev.lanes.internal} (see core's {@code ApiBoundaryTest}).
 *
 * <p>Run (after {@code ./mvnw -B -q -pl lanes-benchmarks -am package -DskipTests}):
 * <pre>
 * java -cp 'lanes-benchmarks/target/lanes-benchmarks-0.1.0.jar:lanes-benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main SchedulerBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SchedulerBenchmark {
    static final int POLL = 500;
    private static final int PARTITIONS = 12;

    @Param({"UNORDERED", "PARTITION", "KEY"})
    public Ordering ordering;

    /** Distinct keys over the whole topic (KEY mode only makes use of it). */
    @Param({"10000"})
    public int keys;

    /** Records per fill, as the BatchSizer would pick for a fast handler. */
    @Param({"1", "64"})
    public int batchSize;

    private Scheduler scheduler;
    private LaneStrategy lanes;
    private PartitionState[] partitions;
    private ConsumerRecord<byte[], byte[]>[] records;
    private final List<WorkItem<?, ?>> batch = new ArrayList<>();
    private long handle;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        scheduler = new Scheduler();
        lanes = LaneStrategy.of(ordering, false);
        partitions = new PartitionState[PARTITIONS];
        for (int p = 0; p < PARTITIONS; p++) {
            partitions[p] = new PartitionState(new TopicPartition("bench", p), OffsetMetadataCodec.decode("", 0));
        }
        // Enough distinct records that a key does not come back within one poll more than it would in a topic.
        records = new ConsumerRecord[keys * 2];
        byte[] value = new byte[100];
        for (int i = 0; i < records.length; i++) {
            byte[] key = ("key-" + (i % keys)).getBytes(StandardCharsets.UTF_8);
            records[i] = new ConsumerRecord<>("bench", i % PARTITIONS, i / PARTITIONS, key, value);
        }
    }

    @Benchmark
    @OperationsPerInvocation(POLL)
    public void enqueueFillEnded(Blackhole bh) {
        int base = (int) (handle % (records.length - POLL + 1));
        for (int i = 0; i < POLL; i++) {
            ConsumerRecord<byte[], byte[]> record = records[base + i];
            PartitionState partition = partitions[record.partition()];
            Lane lane = lanes.laneFor(partition, record.key());
            scheduler.enqueue(new WorkItem<>(record, partition, lane, handle++, 110, 0));
        }
        while (scheduler.hasReadyWork(0)) {
            batch.clear();
            scheduler.fill(batch, batchSize, 0, false);
            for (int i = 0; i < batch.size(); i++) {
                scheduler.ended(batch.get(i));
            }
            bh.consume(batch.size());
        }
    }
}
