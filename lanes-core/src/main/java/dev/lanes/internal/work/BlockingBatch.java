package dev.lanes.internal.work;

import dev.lanes.RecordHandler;
import java.util.List;

/**
 * A batch for a blocking handler: the worker thread deserializes each record and runs it to its
 * end. The thread's interrupt flag is cleared before the batch and after each record, so that a
 * handler that interrupts its own thread (or a timeout's interrupt) never fails the next record.
 */
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
        boolean timed = timed();
        long mark = start; // with a listener: one clock read per record, its end is the next one's start
        runningOn(Thread.currentThread());
        Thread.interrupted();
        for (int i = 0; i < items().size() && mayStart(i); i++) {
            WorkItem<K, V> item = (WorkItem<K, V>) items().get(i);
            Throwable error = null;
            if (timed) {
                item.attemptStarting(mark);
            }
            starting(i);
            try {
                item.decode(decoder);
                handler.handle(item);
            } catch (Throwable e) {
                error = e;
            }
            if (!returned(i)) {
                return; // timed out: the watchdog handed the batch back
            }
            if (timed) {
                mark = System.nanoTime();
                item.attemptReturned(mark);
            }
            Thread.interrupted();
            if (error == null) {
                ended(i);
            } else {
                failed(i, error);
            }
        }
        finish(System.nanoTime() - start);
    }

    @Override
    boolean interruptsWorker() {
        return true;
    }
}
