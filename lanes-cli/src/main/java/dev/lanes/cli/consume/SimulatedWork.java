package dev.lanes.cli.consume;

import dev.lanes.LanesRecord;
import dev.lanes.RecordHandler;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The handler of {@code lanes consume}: simulated I/O. Each attempt sleeps {@code workMs} plus a
 * uniform jitter of up to {@code jitterMs}, then fails (throws) with probability
 * {@code failRate}, or always for a key of {@code failKeys} (a poison record). A record whose key
 * is in {@code hangKeys} never returns by itself: it sleeps until interrupted, which the engine
 * does once the handler timeout passes. With a journal, the attempt's line is written before the
 * handler returns or throws: {@code ok}, {@code error}, or {@code timeout} when it was interrupted
 * while a handler timeout is on and the command was not closing.
 *
 * <p>Runs on the engine's worker threads, many at once; holds no mutable state but the closing
 * flag, set once by the command's thread.
 */
final class SimulatedWork<V> implements RecordHandler<String, V> {

    /** Thrown by an attempt chosen to fail. */
    static final class SimulatedFailure extends Exception {
        private static final long serialVersionUID = 1L;

        SimulatedFailure(String message) {
            super(message, null, false, false);
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
    private final Set<String> failKeys;
    private final Set<String> hangKeys;
    private final boolean timeoutOn;
    private final Journal journal;
    private final EpochMicros clock;
    private volatile boolean closing;

    /**
     * @param timeoutOn whether the engine interrupts invocations that outlive a handler timeout
     * @param journal the journal, or null for none
     */
    SimulatedWork(long workMs, long jitterMs, double failRate, Set<String> failKeys, Set<String> hangKeys,
                  boolean timeoutOn, Journal journal, EpochMicros clock) {
        this.workMicros = TimeUnit.MILLISECONDS.toMicros(workMs);
        this.jitterMicros = TimeUnit.MILLISECONDS.toMicros(jitterMs);
        this.failRate = failRate;
        this.failKeys = Set.copyOf(failKeys);
        this.hangKeys = Set.copyOf(hangKeys);
        this.timeoutOn = timeoutOn;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public void handle(LanesRecord<String, V> record) throws Exception {
        long start = clock.now();
        Journal.Outcome outcome = Journal.Outcome.ERROR;
        try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long micros = workMicros + (jitterMicros > 0 ? random.nextLong(jitterMicros + 1) : 0);
            if (micros > 0) {
                TimeUnit.MICROSECONDS.sleep(micros);
            }
            String key = record.key();
            if (key != null && hangKeys.contains(key)) {
                hang();
            }
            if (key != null && failKeys.contains(key)) {
                throw new SimulatedFailure("poison key " + key + " (--fail-keys)");
            }
            if (failRate > 0 && random.nextDouble() < failRate) {
                throw new SimulatedFailure("simulated failure (--fail-rate)");
            }
            outcome = Journal.Outcome.OK;
        } catch (InterruptedException e) {
            // Our own sleeps are the only interruptible calls: the engine's timeout, or a close.
            outcome = timeoutOn && !closing ? Journal.Outcome.TIMEOUT : Journal.Outcome.ERROR;
            throw e;
        } finally {
            if (journal != null) {
                journal.append(record.topic(), record.partition(), record.offset(), record.key(),
                        record.attempt(), start, clock.now(), outcome);
            }
        }
    }

    /** From now on an interrupt is the command closing the consumer, not a timeout. */
    void closing() {
        closing = true;
    }

    /** Sleeps until interrupted: a call that never answers (--hang-keys). */
    private static void hang() throws InterruptedException {
        while (true) {
            TimeUnit.DAYS.sleep(1);
        }
    }
}
