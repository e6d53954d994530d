package dev.lanes.cli;

import java.io.PrintWriter;

/**
 * One line on a terminal, rewritten in place (carriage return, then blanks over what the longer
 * previous text left), and cleared before ordinary lines follow. Used by the command's thread only.
 */
final class TerminalLine {

    private final PrintWriter out;
    private int width;

    TerminalLine(PrintWriter out) {
        this.out = out;
    }

    void rewrite(String line) {
        out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        width = line.length();
        out.flush();
    }

    /** Blanks the line, if one is shown, and leaves the cursor at its start. */
    void clear() {
        if (width > 0) {
            out.print("\r" + " ".repeat(width) + "\r");
            out.flush();
            width = 0;
        }
    }
}
