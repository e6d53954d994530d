package dev.lanes.internal.poll;

import dev.lanes.internal.work.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/** An executor that only queues: the test decides which batch runs, and when, on its own thread. */
final class ManualExecutor implements Executor {
    private final List<Runnable> pending = new ArrayList<>();

    @Override
    public void execute(Runnable task) {
        pending.add(task);
    }

    int pendingCount() {
        return pending.size();
    }

    List<Batch> pendingBatches() {
        List<Batch> batches = new ArrayList<>();
        pending.forEach(task -> batches.add((Batch) task));
        return batches;
    }

    void runAll() {
        while (!pending.isEmpty()) {
            pending.remove(0).run();
        }
    }

    /** Runs the queued batches that hold a record with this offset. */
    void runOffset(long offset) {
        runMatching(batch -> batch.items().stream().anyMatch(item -> item.offset() == offset));
    }

    /** Runs the queued batches that hold no record with this offset (that one stays out, as if stuck). */
    void runAllBut(long offset) {
        runMatching(batch -> batch.items().stream().noneMatch(item -> item.offset() == offset));
    }

    private void runMatching(Predicate<Batch> which) {
        List<Runnable> chosen = new ArrayList<>();
        for (Runnable task : pending) {
            if (which.test((Batch) task)) {
                chosen.add(task);
            }
        }
        pending.removeAll(chosen);
        chosen.forEach(Runnable::run);
    }
}
