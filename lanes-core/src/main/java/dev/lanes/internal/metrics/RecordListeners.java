package dev.lanes.internal.metrics;

import dev.lanes.LanesListener;
import dev.lanes.LanesRecord;
import dev.lanes.RecordOutcome;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LanesListener}s added to a consumer, told as one. Any thread may {@link #add} (the
 * array is replaced, never changed, and published through a volatile field); only the poller
 * thread calls the listeners, through {@link #current()}, which is {@code null} while there are
 * none, so the engine can skip all timing with one read.
 */
public final class RecordListeners {
    private static final Logger log = LoggerFactory.getLogger(RecordListeners.class);

    /** Written by {@link #add} only; {@code null} while none was added. */
    private volatile LanesListener current;
    private LanesListener[] all = new LanesListener[0];

    public static RecordListeners none() {
        return new RecordListeners();
    }

    public synchronized void add(LanesListener listener) {
        Objects.requireNonNull(listener, "listener");
        all = Arrays.copyOf(all, all.length + 1);
        all[all.length - 1] = listener;
        current = new Chain(all.clone());
    }

    /** Every listener as one, or {@code null} when there is none. */
    public LanesListener current() {
        return current;
    }

    /** Calls each listener in turn; one that throws is logged and does not keep the others from being told. */
    private record Chain(LanesListener[] listeners) implements LanesListener {
        @Override
        public void attemptEnded(LanesRecord<?, ?> record, long handlerNanos, Throwable failure) {
            for (LanesListener listener : listeners) {
                try {
                    listener.attemptEnded(record, handlerNanos, failure);
                } catch (RuntimeException e) {
                    log.error("A LanesListener threw; ignored", e);
                }
            }
        }

        @Override
        public void recordEnded(LanesRecord<?, ?> record, RecordOutcome outcome, long queuedNanos,
                                long endedAtEpochMillis) {
            for (LanesListener listener : listeners) {
                try {
                    listener.recordEnded(record, outcome, queuedNanos, endedAtEpochMillis);
                } catch (RuntimeException e) {
                    log.error("A LanesListener threw; ignored", e);
                }
            }
        }
    }
}
