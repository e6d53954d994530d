package dev.lanes.cli.consume;

import dev.lanes.cli.CliException;
import dev.lanes.cli.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code lanes consume --journal FILE}: one JSON line per handler invocation, appended when it
 * ends and before the handler returns or throws, so that a record the engine counts as ended
 * (and may commit) always has its line, even after a kill -9:
 *
 * <pre>{"topic":"t","partition":0,"offset":42,"key":"key-7","attempt":1,"startMicros":…,"endMicros":…,"outcome":"ok","instance":"a"}</pre>
 *
 * <p>Each line reaches the OS in one {@code write} call on a channel opened with
 * {@code O_APPEND}, without user-space buffering: lines of concurrent handlers never interleave,
 * and several processes may append to files of their own (or, on a local file system, to one
 * file). Nothing is fsynced: a crash of the process loses no line, a crash of the machine may.
 * Called from any worker thread; the channel serialises the writes. A line is at most a few
 * hundred bytes plus the key, so one {@code write} writes it whole in practice; a short write is
 * completed by further calls.
 */
final class Journal implements AutoCloseable {

    /** How a handler invocation ended; {@code dead-letter} and {@code skipped} come with the DLT issue. */
    enum Outcome {
        OK("ok"), ERROR("error"), DEAD_LETTER("dead-letter"), SKIPPED("skipped");

        final String json;

        Outcome(String json) {
            this.json = json;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final String instanceJson;

    private Journal(Path file, FileChannel channel, String instance) {
        this.file = file;
        this.channel = channel;
        this.instanceJson = Json.quote(instance);
    }

    /**
     * Opens (creating it if missing) the journal for appending.
     *
     * @throws CliException if the file cannot be opened
     */
    static Journal open(Path file, String instance) {
        try {
            return new Journal(file, FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND), instance);
        } catch (IOException | UnsupportedOperationException e) {
            throw new CliException("cannot open journal " + file + ": " + e, e);
        }
    }

    Path file() {
        return file;
    }

    /**
     * Appends one line.
     *
     * @throws IOException if the write fails (the caller must not count the invocation as ended)
     */
    void append(String topic, int partition, long offset, String key, int attempt,
                long startMicros, long endMicros, Outcome outcome) throws IOException {
        ByteBuffer line = ByteBuffer.wrap(line(topic, partition, offset, key, attempt, startMicros,
                endMicros, outcome, instanceJson).getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            channel.write(line);
        }
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
        channel.close();
    }
}
