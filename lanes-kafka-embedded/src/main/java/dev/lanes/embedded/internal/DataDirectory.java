package dev.lanes.embedded.internal;

import dev.lanes.embedded.EmbeddedKafkaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary directory of one cluster, under {@code java.io.tmpdir}. Created and deleted by
 * the cluster's owner; {@link #delete()} may run on the JVM shutdown hook.
 *
 * <p>A clean stop deletes it. A parent killed by {@code kill -9} cannot, so the directory
 * records its owner (pid and start time, which survive pid reuse), and the next cluster started
 * on this machine deletes directories whose owner is gone.
 */
public final class DataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final String PREFIX = "lanes-kafka-";
    private static final String OWNER_FILE = "owner";

    private final Path path;

    private DataDirectory(Path path) {
        this.path = path;
    }

    /**
     * Creates a fresh directory, after deleting those left behind by dead owners.
     *
     * @return the directory
     */
    public static DataDirectory create() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        sweepAbandoned(tmp);
        try {
            Path dir = Files.createTempDirectory(tmp, PREFIX);
            ProcessHandle self = ProcessHandle.current();
            Files.writeString(dir.resolve(OWNER_FILE), self.pid() + " " + startMillis(self)
                    .map(String::valueOf).orElse("?") + "\n", StandardCharsets.UTF_8);
            return new DataDirectory(dir);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot create a data directory in " + tmp + ": "
                    + e.getMessage(), e);
        }
    }

    /** @return the directory */
    public Path path() {
        return path;
    }

    /** Deletes the directory and everything in it; failures are logged, not thrown. */
    public void delete() {
        deleteTree(path);
    }

    private static void sweepAbandoned(Path tmp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (ownerIsGone(dir.resolve(OWNER_FILE))) {
                    deleteTree(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot look for abandoned embedded Kafka directories in {}", tmp, e);
        }
    }

    private static boolean ownerIsGone(Path ownerFile) {
        try {
            String[] fields = Files.readString(ownerFile, StandardCharsets.UTF_8).trim().split(" ");
            long pid = Long.parseLong(fields[0]);
            Optional<ProcessHandle> owner = ProcessHandle.of(pid);
            if (owner.isEmpty() || !owner.get().isAlive()) {
                return true;
            }
            // Same pid, different start time: the pid was reused, the owner is gone. (A second
            // of tolerance: start times are derived from clock ticks.)
            return !fields[1].equals("?") && startMillis(owner.get())
                    .map(start -> Math.abs(start - Long.parseLong(fields[1])) > 1000)
                    .orElse(false);
        } catch (IOException | RuntimeException e) {
            // Not ours, unreadable, or being written: leave it alone.
            return false;
        }
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(instant -> instant.toEpochMilli());
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}", p, e);
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot delete the embedded Kafka directory {}: {}", root, e.toString());
        }
    }
}
