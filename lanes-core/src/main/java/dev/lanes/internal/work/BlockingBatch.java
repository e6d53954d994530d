package dev.lanes.internal.work;

import dev.lanes.RecordHandler;
import java.util.List;

/** A batch for a blocking handler: the worker thread runs each record to its end. */
final class BlockingBatch<K, V> extends Batch {
    private final RecordHandler<K, V> handler;

    BlockingBatch(List<WorkItem<?, ?>> items, Inbox inbox, RecordHandler<K, V> handler) {
        super(items, inbox);
        this.handler = handler;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        long start = System.nanoTime();
        try {
            for (int i = 0; i < items().size() && mayStart(i); i++) {
                starting();
                try {
                    handler.handle((WorkItem<K, V>) items().get(i));
                    ended(i);
                } catch (Throwable e) {
                    failed(i, e);
                }
            }
        } finally {
            finish(System.nanoTime() - start);
        }
    }
}
