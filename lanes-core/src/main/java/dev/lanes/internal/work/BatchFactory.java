package dev.lanes.internal.work;

import dev.lanes.AsyncRecordHandler;
import dev.lanes.RecordHandler;
import java.util.List;

/** Turns claimed records into a runnable batch for the user's handler, blocking or asynchronous. */
public interface BatchFactory {

    Batch create(List<WorkItem<?, ?>> items, Inbox inbox);

    /** Whether several records may share a hand-off (asynchronous handlers take one each). */
    boolean batches();

    static <K, V> BatchFactory blocking(RecordHandler<K, V> handler) {
        return new BatchFactory() {
            @Override
            public Batch create(List<WorkItem<?, ?>> items, Inbox inbox) {
                return new BlockingBatch<>(items, inbox, handler);
            }

            @Override
            public boolean batches() {
                return true;
            }
        };
    }

    static <K, V> BatchFactory async(AsyncRecordHandler<K, V> handler) {
        return new BatchFactory() {
            @Override
            public Batch create(List<WorkItem<?, ?>> items, Inbox inbox) {
                return new AsyncBatch<>(items.get(0), inbox, handler);
            }

            @Override
            public boolean batches() {
                return false;
            }
        };
    }
}
