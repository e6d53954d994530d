package dev.lanes.examples.orders;

import dev.lanes.LanesRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One line per record handled, appended to the file {@code orders.journal} names (nothing without it),
 * in the tab-separated form of lanes-testkit's {@code Invocation.toLine()}: topic, partition, offset,
 * key, attempt, start and end nanos, outcome, instance. Each line is one {@code write} before the
 * handler returns, so what the file holds was handled.
 */
@Component
class HandledJournal implements AutoCloseable {
    private final FileChannel file;

    HandledJournal(@Value("${orders.journal:}") String path) throws IOException {
        this.file = path.isEmpty() ? null : FileChannel.open(Path.of(path), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    void handled(LanesRecord<String, String> record, long startNanos, long endNanos) {
        if (file == null) {
            return;
        }
        String line = record.topic() + '\t' + record.partition() + '\t' + record.offset() + '\t'
                + (record.key() == null ? "\\N" : record.key()) + '\t' + record.attempt() + '\t' + startNanos
                + '\t' + endNanos + "\tOK\tspring-orders\n";
        try {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            synchronized (this) {
                while (bytes.hasRemaining()) {
                    file.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
