package dev.lanes.cli.dlt;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lanes dlt}: the commands on a dead-letter topic; for now {@code replay}. Main thread. */
@Command(name = "dlt",
        description = "Work with a dead-letter topic written by Lanes (lanes consume --dlt, or"
                + " RetryPolicy.deadLetterTopic).",
        subcommands = {ReplayCommand.class, CommandLine.HelpCommand.class})
public final class DltCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }
}
