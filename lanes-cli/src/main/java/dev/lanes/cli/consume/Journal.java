package dev.lanes.cli.consume;

import dev.lanes.cli.CliException;
import dev.lanes.cli.Json;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code lanes consume --journal FILE}: one JSON line per handler invocation, appended when it
 * ends and before the handler returns or throws, so that a record the engine counts as ended
 * (and may commit) always has its line, even after a kill -9; and one line for each record the
 * failure policy gave up ({@code dead-letter}, {@code skipped}), written when the engine reports it:
 *
 * <pre>{"topic":"t","partition":0,"offset":42,"key":"key-7","attempt":1,"startMicros":…,"endMicros":…,"outcome":"ok","instance":"a"}</pre>
 *
 * <p>Each line reaches the OS in one {@code write} call on a file opened with {@code O_APPEND},
 * without user-space buffering: several processes may append to files of their own (or, on a
 * local file system, to one file). Nothing is fsynced: a crash of the process loses no line, a
 * crash of the machine may. A {@link FileOutputStream}, not a {@code FileChannel}: a channel is
 * closed for good when a thread writing to it is interrupted, and the engine interrupts a handler
 * that outlives its timeout, possibly while it writes its line.
 *
 * <p>Called from any worker thread, and from the poller thread for the records the failure policy
 * gave up; writes are serialised on this object, so lines never interleave. The first failed write
 * is kept for the command, which stops on it.
 */
final class Journal implements AutoCloseable {

    /**
     * How a handler invocation ended ({@code ok}, {@code error}, {@code timeout}), or how the
     * failure policy ended its record ({@code dead-letter} once the write is acknowledged,
     * {@code skipped}).
     */
    enum Outcome {
        OK("ok"), ERROR("error"), TIMEOUT("timeout"), DEAD_LETTER("dead-letter"), SKIPPED("skipped");

        final String json;

        Outcome(String json) {
            this.json = json;
        }
    }

    private final Path file;
    private final FileOutputStream out;
    private final String instanceJson;
    private final AtomicReference<IOException> failure = new AtomicReference<>();

    private Journal(Path file, FileOutputStream out, String instance) {
        this.file = file;
        this.out = out;
        this.instanceJson = Json.quote(instance);
    }

    /**
     * Opens (creating it if missing) the journal for appending.
     *
     * @throws CliException if the file cannot be opened
     */
    static Journal open(Path file, String instance) {
        try {
            return new Journal(file, new FileOutputStream(file.toFile(), true), instance);
        } catch (IOException | SecurityException e) {
            throw new CliException("cannot open journal " + file + ": " + e, e);
        }
    }

    Path file() {
        return file;
    }

    /**
     * Appends one line.
     *
     * @throws IOException if the write fails (the caller must not count the invocation as ended);
     *     the first such failure is also kept, see {@link #failure()}
     */
    void append(String topic, int partition, long offset, String key, int attempt,
                long startMicros, long endMicros, Outcome outcome) throws IOException {
        byte[] line = line(topic, partition, offset, key, attempt, startMicros, endMicros, outcome, instanceJson)
                .getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (this) {
                out.write(line); // one write(2), completed by further calls if the OS writes less
            }
        } catch (IOException e) {
            failure.compareAndSet(null, e);
            throw e;
        }
    }

    /** The first write that failed, or null: the command stops on it. */
    IOException failure() {
        return failure.get();
    }

    /** The line, newline included; {@code instanceJson} is already quoted. */
    static String line(String topic, int partition, long offset, String key, int attempt,
                       long startMicros, long endMicros, Outcome outcome, String instanceJson) {
        StringBuilder b = new StringBuilder(160 + (key == null ? 0 : key.length()));
        b.append("{\"topic\":");
        Json.quote(b, topic);
        b.append(",\"partition\":").append(partition)
                .append(",\"offset\":").append(offset)
                .append(",\"key\":");
        Json.quote(b, key);
        b.append(",\"attempt\":").append(attempt)
                .append(",\"startMicros\":").append(startMicros)
                .append(",\"endMicros\":").append(endMicros)
                .append(",\"outcome\":\"").append(outcome.json)
                .append("\",\"instance\":").append(instanceJson)
                .append("}\n");
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
