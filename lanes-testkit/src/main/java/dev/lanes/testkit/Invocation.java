package dev.lanes.testkit;

import java.util.Objects;

/**
 * One handler invocation as the handler saw it: which record, which attempt, when it started and
 * ended, and how.
 *
 * <p>{@code startNanos} and {@code endNanos} may come from any clock in nanoseconds that every
 * invocation of a check shares; {@link System#nanoTime()} is the usual one, and on Linux it
 * compares across processes of one machine (it reads CLOCK_MONOTONIC).
 *
 * @param topic the record's topic
 * @param partition the record's partition
 * @param offset the record's offset
 * @param key the record's key as text, or null (its lane in {@link LaneOrder#KEY})
 * @param attempt the attempt, from 1 (0 when the record never reached the handler, e.g. it
 *     could not be deserialized)
 * @param startNanos when the invocation started
 * @param endNanos when it ended
 * @param outcome how it ended
 * @param instance which consumer instance ran it (any name; for messages and multi-instance tests)
 */
public record Invocation(String topic, int partition, long offset, String key, int attempt,
                         long startNanos, long endNanos, Outcome outcome, String instance) {

    /** Checks the fields that must be there. */
    public Invocation {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(instance, "instance");
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("ends before it starts: " + startNanos + " > " + endNanos);
        }
    }

    /** @return the record this invocation handled */
    public RecordId id() {
        return new RecordId(topic, partition, offset);
    }

    /**
     * One line for a journal file, for a test whose consumer runs in another process: the fields
     * tab-separated, ending in a newline. Write it in one {@code write} call before the handler
     * returns, so a killed process leaves at most its last line cut (which has no newline).
     * Topic, key and instance must not contain tabs or newlines.
     *
     * @return the line, read back by {@link #parse}
     */
    public String toLine() {
        return topic + '\t' + partition + '\t' + offset + '\t' + (key == null ? "\\N" : key) + '\t' + attempt
                + '\t' + startNanos + '\t' + endNanos + '\t' + outcome + '\t' + instance + '\n';
    }

    /**
     * @param line a line written by {@link #toLine}, with or without its newline
     * @return the invocation
     */
    public static Invocation parse(String line) {
        String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        String[] f = body.split("\t", -1);
        if (f.length != 9) {
            throw new IllegalArgumentException("not an invocation line: " + line);
        }
        return new Invocation(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), "\\N".equals(f[3]) ? null : f[3],
                Integer.parseInt(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Outcome.valueOf(f[7]), f[8]);
    }
}
