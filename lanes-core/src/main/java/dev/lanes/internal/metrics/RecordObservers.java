package dev.lanes.internal.metrics;

import dev.lanes.RecordObserver;
import dev.lanes.LanesRecord;
import dev.lanes.RecordOutcome;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RecordObserver}s added to a consumer, told as one. Any thread may {@link #add} (the
 * array is replaced, never changed, and published through a volatile field); only the poller
 * thread calls the observers, through {@link #current()}, which is {@code null} while there are
 * none, so the engine can skip all timing with one read.
 */
public final class RecordObservers {
    private static final Logger log = LoggerFactory.getLogger(RecordObservers.class);

    /** Written by {@link #add} only; {@code null} while none was added. */
    private volatile RecordObserver current;
    private RecordObserver[] all = new RecordObserver[0];

    public static RecordObservers none() {
        return new RecordObservers();
    }

    public synchronized void add(RecordObserver observer) {
        Objects.requireNonNull(observer, "observer");
        all = Arrays.copyOf(all, all.length + 1);
        all[all.length - 1] = observer;
        current = new Chain(all.clone());
    }

    /** Every observer as one, or {@code null} when there is none. */
    public RecordObserver current() {
        return current;
    }

    /** Calls each observer in turn; one that throws is logged and does not keep the others from being told. */
    private record Chain(RecordObserver[] observers) implements RecordObserver {
        @Override
        public void attemptEnded(LanesRecord<?, ?> record, long handlerNanos, Throwable failure) {
            for (RecordObserver observer : observers) {
                try {
                    observer.attemptEnded(record, handlerNanos, failure);
                } catch (RuntimeException e) {
                    log.error("A RecordObserver threw; ignored", e);
                }
            }
        }

        @Override
        public void recordEnded(LanesRecord<?, ?> record, RecordOutcome outcome, long queuedNanos,
                                long endedAtEpochMillis) {
            for (RecordObserver observer : observers) {
                try {
                    observer.recordEnded(record, outcome, queuedNanos, endedAtEpochMillis);
                } catch (RuntimeException e) {
                    log.error("A RecordObserver threw; ignored", e);
                }
            }
        }
    }
}
