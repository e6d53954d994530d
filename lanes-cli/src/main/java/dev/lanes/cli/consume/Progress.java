package dev.lanes.cli.consume;

import dev.lanes.LanesStats;
import dev.lanes.cli.TerminalLine;
import java.io.PrintWriter;

/**
 * The progress of {@code lanes consume} on stderr: on a terminal, one line rewritten in place
 * every second; otherwise a plain line every 5 s, for logs. Stdout stays free for the final
 * summary. Called by the command's thread only.
 */
final class Progress {

    private static final long TERMINAL_PERIOD_NANOS = 1_000_000_000L;
    private static final long LOG_PERIOD_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final long periodNanos;
    private long lastNanos;
    private long lastEnded;
    private final TerminalLine inPlace;

    Progress(PrintWriter err, boolean terminal, long nowNanos) {
        this.err = err;
        this.terminal = terminal;
        this.periodNanos = terminal ? TERMINAL_PERIOD_NANOS : LOG_PERIOD_NANOS;
        this.lastNanos = nowNanos;
        this.inPlace = new TerminalLine(err);
    }

    /** Prints a line if one is due. */
    void maybePrint(LanesStats stats, long nowNanos) {
        if (nowNanos - lastNanos < periodNanos) {
            return;
        }
        double seconds = (nowNanos - lastNanos) / 1e9;
        String line = line(stats, (stats.endedRecords() - lastEnded) / seconds);
        lastNanos = nowNanos;
        lastEnded = stats.endedRecords();
        if (terminal) {
            inPlace.rewrite(line);
        } else {
            err.println(line);
            err.flush();
        }
    }

    /**
     * One progress line. Failed commits are named when there are any: after the broker is lost,
     * they are the only sign that what ends is no longer committed.
     */
    static String line(LanesStats stats, double recordsPerSecond) {
        return String.format("lanes consume: %.0f records/s, in flight %d, buffered %d, ended %d,"
                        + " failed attempts %d, commits %d%s, partitions %d",
                recordsPerSecond, stats.runningBatches(), stats.bufferedRecords(), stats.endedRecords(),
                stats.failedAttempts(), stats.commits(), commitFailures(stats), stats.assignedPartitions());
    }

    /** {@code ", N failed"} after the commit count, or nothing when every commit succeeded. */
    static String commitFailures(LanesStats stats) {
        return stats.commitFailures() == 0 ? "" : " (" + stats.commitFailures() + " failed)";
    }

    /**
     * Said once when the command stops (a signal, idle, a journal failure), since closing can take up
     * to the close timeout when the broker is gone.
     */
    static String closing(LanesStats stats, java.time.Duration closeTimeout) {
        return String.format("lanes consume: stopping: waiting up to %s for %d records in flight or"
                        + " buffered and the final commit", closeTimeout.toMillis() % 1000 == 0
                        ? closeTimeout.toSeconds() + " s" : closeTimeout.toMillis() + " ms",
                stats.bufferedRecords());
    }

    /** Clears the in-place line, so that what follows starts on a clean line. */
    void clear() {
        inPlace.clear();
    }
}
