package dev.lanes.embedded.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs in the child JVM: ends the node when its parent is gone. Started once, by
 * {@link KafkaNodeMain} on the main thread; the watch itself runs on its own daemon thread.
 *
 * <p>The parent holds the write end of the child's stdin and never writes to it. End of file
 * on stdin therefore means the parent closed it on purpose (a clean stop) or the parent died,
 * even by {@code kill -9}, since the kernel then closes its file descriptors. Either way the
 * node exits with {@link System#exit}, so Kafka's shutdown hook stops the broker cleanly. If
 * that shutdown hangs (a controlled shutdown waiting for a quorum that is gone), a halt ends
 * the JVM anyway: a child never outlives its parent by more than {@link #HALT_AFTER}.
 */
final class ParentWatch {

    /** How long a graceful shutdown may take before the JVM halts. */
    static final Duration HALT_AFTER = Duration.ofSeconds(8);

    private ParentWatch() {
    }

    /**
     * Starts watching.
     *
     * @param stdin the stream whose end means "the parent is gone"
     */
    static void start(InputStream stdin) {
        Thread watch = new Thread(() -> {
            awaitEndOfFile(stdin);
            System.out.println("lanes: the parent process closed stdin; stopping this node");
            armHalt();
            System.exit(0);
        }, "lanes-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void awaitEndOfFile(InputStream stdin) {
        byte[] discard = new byte[256];
        try {
            while (stdin.read(discard) >= 0) {
                // The parent never writes; ignore anything that arrives.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of file: the parent is gone.
        }
    }

    private static void armHalt() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lanes-halt-timer");
            // Daemon threads keep running while shutdown hooks run, which is when this fires.
            t.setDaemon(true);
            return t;
        });
        timer.schedule(() -> {
            System.out.println("lanes: graceful shutdown took longer than " + HALT_AFTER
                    + "; halting");
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }, HALT_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }
}
