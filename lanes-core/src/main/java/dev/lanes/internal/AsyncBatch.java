package dev.lanes.internal;

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
            inbox.post(this);
            return;
        }
        started = 1;
        long start = System.nanoTime();
        CompletionStage<?> stage;
        try {
            stage = handler.handle((WorkItem<K, V>) items.get(0));
        } catch (Throwable e) {
            failed(0, e);
            inbox.post(this);
            return;
        }
        if (stage == null) {
            failed(0, new NullPointerException("the asynchronous handler returned a null stage"));
            inbox.post(this);
            return;
        }
        stage.whenComplete((result, error) -> {
            elapsedNanos = System.nanoTime() - start;
            if (error == null) {
                outcomes[0] = ENDED;
            } else {
                failed(0, error);
            }
            inbox.post(this);
        });
    }
}
