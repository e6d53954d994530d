package dev.lanes.internal;

import dev.lanes.LanesConsumer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Read-only looks into the engine for the end-to-end benchmark (same package, so it can read
 * package-private counters). Not a benchmark itself; any thread.
 */
public final class BenchProbe {
    private BenchProbe() {
    }

    /** The engine's own counters, one line; empty if {@code consumer} is not the engine. */
    public static String stats(LanesConsumer<?, ?> consumer) {
        if (!(consumer instanceof LanesEngine)) {
            return "";
        }
        EngineStats s = ((LanesEngine<?, ?>) consumer).engineStats();
        return "polled=" + s.polled.sum() + " ended=" + s.ended.sum() + " commits=" + s.commits.sum()
                + " commitFailures=" + s.commitFailures.sum() + " metadataOverflows=" + s.metadataOverflows.sum();
    }

    /**
     * An executor that runs each task on {@code delegate} and counts the batches and the records
     * in them, to see which batch sizes the engine's BatchSizer picks.
     */
    public static Executor countingBatches(Executor delegate, LongAdder batches, LongAdder records) {
        return task -> {
            if (task instanceof Batch) {
                batches.increment();
                records.add(((Batch) task).items.size());
            }
            delegate.execute(task);
        };
    }
}
