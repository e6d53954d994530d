package dev.lanes.internal.work;

import dev.lanes.RecordHandler;
import java.util.List;

/** A batch for a blocking handler: the worker thread deserializes each record and runs it to its end. */
final class BlockingBatch<K, V> extends Batch {
    private final RecordHandler<K, V> handler;
    private final RecordDecoder<K, V> decoder;

    BlockingBatch(List<WorkItem<?, ?>> items, Inbox inbox, RecordHandler<K, V> handler, RecordDecoder<K, V> decoder) {
        super(items, inbox);
        this.handler = handler;
        this.decoder = decoder;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        long start = System.nanoTime();
        try {
            for (int i = 0; i < items().size() && mayStart(i); i++) {
                starting();
                try {
                    WorkItem<K, V> item = (WorkItem<K, V>) items().get(i);
                    item.decode(decoder);
                    handler.handle(item);
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
