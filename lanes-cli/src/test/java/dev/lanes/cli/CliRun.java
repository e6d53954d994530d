package dev.lanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of the {@code lanes} command: its exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = LanesCli.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** Asserts bad input: exit code 2, nothing on stdout, and exactly this one line on stderr. */
    public void assertBadInput(String line) {
        assertThat(exitCode).as(err).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(errLines()).containsExactly(line);
    }

    public List<String> errLines() {
        return err.lines().collect(java.util.stream.Collectors.toList());
    }
}
