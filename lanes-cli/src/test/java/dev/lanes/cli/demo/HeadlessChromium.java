package dev.lanes.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Chromium, headless, run as a child process on a local file: the page's DOM after load
 * ({@code --dump-dom}, with any script it carries run) and a screenshot. No driver and no
 * DevTools connection: one process per call, which is all a static page needs.
 *
 * <p>The flags keep it from reaching for the network (this machine's is closed; without them it
 * stalls on start) and a fresh profile directory per call keeps runs independent.
 * {@code bin/ensure-chromium} (run by {@code ./run-tests}) installs it; where it cannot be had,
 * {@link #require} skips the test, except under {@code CI=true}, where it fails.
 */
final class HeadlessChromium {

    private static final long TIMEOUT_SECONDS = 90;
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--force-device-scale-factor=1");

    private final Path executable;
    private final Path work;

    private HeadlessChromium(Path executable, Path work) {
        this.executable = executable;
        this.work = work;
    }

    /**
     * The machine's Chromium ({@code $LANES_CHROMIUM}, else {@code chromium} on the PATH);
     * skips the calling test when there is none, or fails it under {@code CI=true}.
     *
     * @param work where profiles and outputs go
     */
    static HeadlessChromium require(Path work) {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String why = "no chromium on this machine (bin/ensure-chromium installs it as root: apt-get install"
                    + " chromium); the demo report was not checked in a browser";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
        return new HeadlessChromium(found.get(), work);
    }

    private static Optional<Path> find() {
        String configured = System.getenv("LANES_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The page's DOM once loaded, its scripts run, in a window {@code width} × {@code height}. */
    String dumpDom(Path page, int width, int height) throws IOException, InterruptedException {
        Path out = work.resolve("dom-" + width + ".html");
        run(out, page, width, height, "--dump-dom");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A PNG of the page's first {@code height} pixels in a window {@code width} wide. */
    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(work.resolve("screenshot-" + width + ".log"), page, width, height, "--screenshot=" + png.toAbsolutePath());
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new AssertionError("chromium wrote no screenshot " + png);
        }
    }

    private void run(Path stdout, Path page, int width, int height, String action)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + Files.createTempDirectory(work, "profile-"));
        command.add("--window-size=" + width + "," + height);
        command.add(action);
        command.add(page.toAbsolutePath().toUri().toString());
        Path stderr = work.resolve("chromium-" + width + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + process.exitValue() + ": "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
    }
}
