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
        String line = String.format("lanes consume: %.0f records/s, in flight %d, buffered %d, ended %d,"
                        + " failed attempts %d, commits %d, partitions %d",
                (stats.endedRecords() - lastEnded) / seconds, stats.runningBatches(),
                stats.bufferedRecords(), stats.endedRecords(), stats.failedAttempts(),
                stats.commits(), stats.assignedPartitions());
        lastNanos = nowNanos;
        lastEnded = stats.endedRecords();
        if (terminal) {
            inPlace.rewrite(line);
        } else {
            err.println(line);
            err.flush();
        }
    }

    /** Clears the in-place line, so that what follows starts on a clean line. */
    void clear() {
        inPlace.clear();
    }
}
