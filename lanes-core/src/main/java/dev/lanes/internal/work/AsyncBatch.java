package dev.lanes.internal.work;

import dev.lanes.AsyncRecordHandler;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One record for an asynchronous handler: the worker only starts it; whichever thread completes
 * the returned stage hands the batch back.
 */
final class AsyncBatch<K, V> extends Batch {
    private final AsyncRecordHandler<K, V> handler;

    AsyncBatch(WorkItem<?, ?> item, Inbox inbox, AsyncRecordHandler<K, V> handler) {
        super(List.of(item), inbox);
        this.handler = handler;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        if (!mayStart(0)) {
            finish(0);
            return;
        }
        starting();
        long start = System.nanoTime();
        CompletionStage<?> stage;
        try {
            stage = handler.handle((WorkItem<K, V>) items().get(0));
        } catch (Throwable e) {
            failed(0, e);
            finish(0);
            return;
        }
        if (stage == null) {
            failed(0, new NullPointerException("the asynchronous handler returned a null stage"));
            finish(0);
            return;
        }
        stage.whenComplete((result, error) -> {
            if (error == null) {
                ended(0);
            } else {
                failed(0, error);
            }
            finish(System.nanoTime() - start);
        });
    }
}
