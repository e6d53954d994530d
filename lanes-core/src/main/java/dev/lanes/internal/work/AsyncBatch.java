package dev.lanes.internal.work;

import dev.lanes.AsyncRecordHandler;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One record for an asynchronous handler: the worker deserializes it and starts it; whichever
 * thread completes the returned stage hands the batch back. A stage still not complete after the
 * handler timeout is no longer waited for: the watchdog fails the record, and the stage's late
 * completion is ignored.
 */
final class AsyncBatch<K, V> extends Batch {
    private final AsyncRecordHandler<K, V> handler;
    private final RecordDecoder<K, V> decoder;

    AsyncBatch(WorkItem<?, ?> item, Inbox inbox, AsyncRecordHandler<K, V> handler, RecordDecoder<K, V> decoder) {
        super(List.of(item), inbox);
        this.handler = handler;
        this.decoder = decoder;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        if (!mayStart(0)) {
            finish(0);
            return;
        }
        long start = System.nanoTime();
        WorkItem<K, V> item = (WorkItem<K, V>) items().get(0);
        boolean timed = timed();
        if (timed) {
            item.attemptStarting(start);
        }
        starting(0);
        CompletionStage<?> stage;
        try {
            item.decode(decoder);
            stage = handler.handle(item);
            if (stage == null) {
                throw new NullPointerException("the asynchronous handler returned a null stage");
            }
        } catch (Throwable e) {
            if (returned(0)) {
                if (timed) {
                    item.attemptReturned(System.nanoTime());
                }
                failed(0, e);
                finish(0);
            }
            return;
        }
        stage.whenComplete((result, error) -> {
            if (!returned(0)) {
                return; // timed out before: ignored
            }
            long end = System.nanoTime();
            if (timed) {
                item.attemptReturned(end);
            }
            if (error == null) {
                ended(0);
            } else {
                failed(0, error);
            }
            finish(end - start);
        });
    }

    @Override
    boolean interruptsWorker() {
        return false;
    }
}
