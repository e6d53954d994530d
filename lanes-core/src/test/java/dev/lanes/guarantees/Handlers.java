package dev.lanes.guarantees;

import dev.lanes.LanesRecord;
import dev.lanes.RecordHandler;
import dev.lanes.testkit.Invocation;
import dev.lanes.testkit.InvocationJournal;
import dev.lanes.testkit.Outcome;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/** Simulated I/O handlers that journal every invocation (for the test kit's checker) before they return. */
public final class Handlers {
    private Handlers() {
    }

    /**
     * Waits a random time up to {@code maxWorkMicros} and fails a fraction {@code failRate} of
     * attempts.
     */
    public static RecordHandler<String, String> simulatedIo(InvocationJournal journal, String instance, int maxWorkMicros,
                                                          double failRate) {
        return record -> {
            long start = journal.started();
            boolean ok = false;
            try {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                if (maxWorkMicros > 0) {
                    LockSupport.parkNanos(random.nextLong(maxWorkMicros + 1L) * 1_000);
                }
                if (random.nextDouble() < failRate) {
                    throw new IllegalStateException("simulated failure of " + record.offset());
                }
                ok = true;
            } finally {
                journal.ended(invocation(record, instance, start, ok));
            }
        };
    }

    public static Invocation invocation(LanesRecord<String, String> record, String instance, long start, boolean ok) {
        return new Invocation(record.topic(), record.partition(), record.offset(), record.key(), record.attempt(),
                start, System.nanoTime(), ok ? Outcome.OK : Outcome.ERROR, instance);
    }
}
