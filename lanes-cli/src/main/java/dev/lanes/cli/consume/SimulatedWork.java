package dev.lanes.cli.consume;

import dev.lanes.LanesRecord;
import dev.lanes.RecordHandler;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The handler of {@code lanes consume}: simulated I/O. Each attempt sleeps {@code workMs} plus a
 * uniform jitter of up to {@code jitterMs}, then fails (throws) with probability
 * {@code failRate}. With a journal, the attempt's line is written before the handler returns or
 * throws. Runs on the engine's worker threads, many at once; holds no mutable state but the
 * first journal failure.
 */
final class SimulatedWork implements RecordHandler<String, byte[]> {

    /** Thrown by an attempt chosen to fail. */
    static final class SimulatedFailure extends Exception {
        private static final long serialVersionUID = 1L;

        SimulatedFailure() {
            super("simulated failure (--fail-rate)", null, false, false);
        }

        /** Without the class name: it ends up in one-line error messages. */
        @Override
        public String toString() {
            return getMessage();
        }
    }

    private final long workMicros;
    private final long jitterMicros;
    private final double failRate;
    private final Journal journal;
    private final EpochMicros clock;
    private final AtomicReference<IOException> journalFailure = new AtomicReference<>();

    /** @param journal the journal, or null for none */
    SimulatedWork(long workMs, long jitterMs, double failRate, Journal journal, EpochMicros clock) {
        this.workMicros = TimeUnit.MILLISECONDS.toMicros(workMs);
        this.jitterMicros = TimeUnit.MILLISECONDS.toMicros(jitterMs);
        this.failRate = failRate;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public void handle(LanesRecord<String, byte[]> record) throws Exception {
        long start = clock.now();
        Journal.Outcome outcome = Journal.Outcome.ERROR;
        try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long micros = workMicros + (jitterMicros > 0 ? random.nextLong(jitterMicros + 1) : 0);
            if (micros > 0) {
                TimeUnit.MICROSECONDS.sleep(micros);
            }
            if (failRate > 0 && random.nextDouble() < failRate) {
                throw new SimulatedFailure();
            }
            outcome = Journal.Outcome.OK;
        } finally {
            if (journal != null) {
                record(record, start, outcome);
            }
        }
    }

    /** The first journal write that failed, if any: the command stops on it. */
    IOException journalFailure() {
        return journalFailure.get();
    }

    private void record(LanesRecord<String, byte[]> record, long start, Journal.Outcome outcome)
            throws IOException {
        try {
            journal.append(record.topic(), record.partition(), record.offset(), record.key(),
                    record.attempt(), start, clock.now(), outcome);
        } catch (IOException e) {
            // Thrown from here, it fails the attempt: a record without its line never counts as ended.
            journalFailure.compareAndSet(null, e);
            throw e;
        }
    }
}
