package dev.lanes.cli.demo;

import dev.lanes.cli.TerminalLine;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress of {@code lanes demo} on stderr: on a terminal, a bar rewritten in place while a
 * strategy runs; in any case, one line when it ends. Stdout stays free for the table. Called by
 * the command's thread only.
 */
final class DemoProgress {

    private static final int BAR_WIDTH = 30;
    private static final long TERMINAL_PERIOD_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private long lastNanos;
    private final TerminalLine inPlace;

    DemoProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
        this.inPlace = new TerminalLine(err);
    }

    /** The bar, on a terminal, if one is due. */
    void update(String row, long done, long total, int inFlight, double seconds) {
        long now = System.nanoTime();
        if (!terminal || now - lastNanos < TERMINAL_PERIOD_NANOS) {
            return;
        }
        lastNanos = now;
        inPlace.rewrite(row + " " + bar(done, total) + String.format(Locale.ROOT, " %,d/%,d  in flight %d  %.1f s",
                done, total, inFlight, seconds));
    }

    /** The line that stays: replaces the bar. */
    void line(String line) {
        inPlace.clear();
        err.println(line);
        err.flush();
    }

    /** {@code [#######.......]}: the done share of {@code BAR_WIDTH} characters. */
    static String bar(long done, long total) {
        int filled = total <= 0 ? 0 : (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
    }
}
