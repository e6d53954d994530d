package dev.lanes.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the {@code lanes} command as a real child process, the way {@code ./lanes} does: the
 * CLI jar plus {@code target/lib/*} (a class path wildcard), on the test's own Java.
 */
public final class LanesProcess {

    private LanesProcess() {
    }

    public static ProcessBuilder builder(String... args) {
        String classPath = System.getProperty("lanes.cli.classpath");
        if (classPath == null) {
            throw new IllegalStateException("lanes.cli.classpath is not set: run this test with"
                    + " Maven's failsafe (after package), which sets it");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath));
        String peerClassPath = System.getProperty("lanes.bench.peer.classpath");
        if (peerClassPath != null) {
            command.add("-Dlanes.bench.peer.classpath=" + peerClassPath);
        }
        command.add(LanesCli.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** Runs to completion; the caller bounds the time with {@code waitFor}. */
    public static Finished run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = builder(args).start();
        process.getOutputStream().close();
        // Both outputs are small; read them fully after exit.
        if (!process.waitFor(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("lanes " + String.join(" ", args) + " did not exit within "
                    + timeoutSeconds + " s");
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Finished(process.exitValue(), millis,
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    public record Finished(int exitCode, long millis, String out, String err) {
        public List<String> errLines() {
            return err.lines().collect(java.util.stream.Collectors.toList());
        }
    }
}
