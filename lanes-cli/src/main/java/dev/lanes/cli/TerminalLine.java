package dev.lanes.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * One line on a terminal, rewritten in place (carriage return, then blanks over what the longer
 * previous text left), and cleared before ordinary lines follow. Used by the command's thread only.
 */
public final class TerminalLine {

    private final PrintWriter out;
    private int width;

    public TerminalLine(PrintWriter out) {
        this.out = out;
    }

    /** Whether stderr is a terminal (Java 22+ says so itself; before, a console means one). */
    public static boolean stderrIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (boolean) MethodHandles.publicLookup()
                    .findVirtual(Console.class, "isTerminal", MethodType.methodType(boolean.class))
                    .invoke(console);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return true; // Java 17 to 21: System.console() is null unless on a terminal.
        } catch (Throwable e) {
            return false;
        }
    }

    public void rewrite(String line) {
        out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        width = line.length();
        out.flush();
    }

    /** Blanks the line, if one is shown, and leaves the cursor at its start. */
    public void clear() {
        if (width > 0) {
            out.print("\r" + " ".repeat(width) + "\r");
            out.flush();
            width = 0;
        }
    }
}
