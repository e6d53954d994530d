package dev.lanes.cli;

import dev.lanes.LanesOption;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Range checks of option values, failing as bad input (one line, exit code 2). Stateless; used
 * by the commands on their thread, before they touch the network.
 */
public final class OptionCheck {

    private OptionCheck() {
    }

    public static void atLeast(CommandSpec spec, String option, long value, long min) {
        if (value < min) {
            fail(spec, option + " must be at least " + min + ", was " + value);
        }
    }

    public static void between(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            fail(spec, option + " must be " + min + " to " + max + ", was " + value);
        }
    }

    /**
     * A flag that sets a Lanes option, checked against the option's declaration so that its range is
     * written once: {@code --concurrency must be 1 to 1000000, was 0}.
     */
    public static <T> void allowedBy(CommandSpec spec, String flag, T value, LanesOption<T> option) {
        try {
            option.check(value);
        } catch (IllegalArgumentException e) {
            fail(spec, flag + " must be " + option.allowed() + ", was " + option.format(value));
        }
    }

    /** A file to write: its directory must exist, so that a long run does not end on a typo. */
    public static void inExistingDirectory(CommandSpec spec, String option, Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            fail(spec, option + " " + file + ": directory " + parent + " does not exist");
        }
    }

    public static void fail(CommandSpec spec, String message) {
        throw new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
