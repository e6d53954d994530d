package dev.lanes.embedded.internal;

import dev.lanes.embedded.EmbeddedKafkaException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One node's child JVM: start, crash, stop, and its log. Thread-safe: the cluster's caller and
 * the JVM shutdown hook may both use it; state changes are {@code synchronized}, waiting for an
 * exit is not.
 *
 * <p>The child's stdin is a pipe this object holds open and never writes to: closing it is the
 * clean stop signal (see {@link ParentWatch}). Its stdout and stderr are appended to the node's
 * log file by the operating system, so no thread here copies output.
 */
public final class NodeProcess {

    private static final int LOG_TAIL_BYTES = 64 * 1024;

    private final NodeSpec spec;
    private final List<String> command;
    private Process process;
    private OutputStream stdin;

    /**
     * @param spec the node
     * @param command the child's command line, from {@link NodeCommand}
     */
    public NodeProcess(NodeSpec spec, List<String> command) {
        this.spec = spec;
        this.command = List.copyOf(command);
    }

    /** @return the node this process runs */
    public NodeSpec spec() {
        return spec;
    }

    /**
     * Launches the child JVM; returns at once, before Kafka is ready.
     *
     * @throws IllegalStateException if the node is running
     */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("node " + spec.nodeId() + " is already running");
        }
        try {
            Files.createDirectories(spec.directory());
            Files.writeString(spec.logFile(), "=== lanes: starting node " + spec.nodeId() + " at "
                            + LocalDateTime.now() + " ===\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .directory(spec.directory().toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectErrorStream(true)
                    .start();
            stdin = process.getOutputStream();
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot launch node " + spec.nodeId() + ": "
                    + e.getMessage(), e);
        }
    }

    /** @return whether the child JVM is running */
    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** @return the child's pid while it runs */
    public synchronized Optional<Long> pid() {
        return isAlive() ? Optional.of(process.pid()) : Optional.empty();
    }

    /** @return completes when the current child exits (at once if none runs) */
    public synchronized CompletableFuture<?> onExit() {
        return process == null ? CompletableFuture.completedFuture(null) : process.onExit();
    }

    /** @return the exit code of the last child, if it has exited */
    public synchronized Optional<Integer> exitCode() {
        return process == null || process.isAlive()
                ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Kills the child with SIGKILL, like {@code kill -9}, and waits until it is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExitUninterruptibly(process);
        closeStdin();
    }

    /** Asks the child to stop cleanly by closing its stdin; returns at once. */
    public synchronized void requestStop() {
        closeStdin();
    }

    /**
     * Waits for the child to exit.
     *
     * @param timeout how long to wait
     * @return whether it has exited (or never ran)
     */
    public boolean awaitExit(Duration timeout) {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null) {
            return true;
        }
        try {
            return current.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !current.isAlive();
        }
    }

    /**
     * The end of the node's log, for error messages.
     *
     * @param lines how many lines at most
     * @return the last lines, or a note that there is no log
     */
    public String logTail(int lines) {
        try (RandomAccessFile file = new RandomAccessFile(spec.logFile().toFile(), "r")) {
            // Only the end matters, and a node's log may be large.
            long start = Math.max(0, file.length() - LOG_TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines()
                    .collect(Collectors.toList());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + spec.logFile() + ")";
        }
    }

    private void closeStdin() {
        if (stdin == null) {
            return;
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // Closing a pipe whose reader is gone may fail; the child is gone or going.
        }
        stdin = null;
    }

    private static void awaitExitUninterruptibly(Process p) {
        boolean interrupted = false;
        while (true) {
            try {
                p.waitFor();
                break;
            } catch (InterruptedException e) {
                // SIGKILL ends the child within milliseconds: finish waiting, then re-interrupt.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
