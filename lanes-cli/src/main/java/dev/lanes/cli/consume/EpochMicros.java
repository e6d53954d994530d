package dev.lanes.cli.consume;

import java.time.Instant;

/**
 * Microseconds since the epoch that never go backwards within the process: the wall clock read
 * once, advanced by {@link System#nanoTime()}. So a record that starts after another ended has a
 * start time at or after that end time, whatever NTP does meanwhile. Thread-safe (immutable).
 */
final class EpochMicros {

    private final long baseMicros;
    private final long baseNanos;

    EpochMicros() {
        Instant now = Instant.now();
        this.baseNanos = System.nanoTime();
        this.baseMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    long now() {
        return baseMicros + (System.nanoTime() - baseNanos) / 1_000;
    }
}
