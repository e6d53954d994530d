package dev.lanes.internal.failure;

import dev.lanes.DeadLetterHeaders;
import dev.lanes.FailedAttempt;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The record written to the dead-letter topic for a record given up (DESIGN.md, "Dead-letter
 * records"): its key, value and headers byte for byte, plus the {@link DeadLetterHeaders}. Keyed
 * by the original key, so one key's dead letters stay in order in one partition. A pure function.
 */
final class DeadLetterRecord {
    private DeadLetterRecord() {
    }

    static ProducerRecord<byte[], byte[]> of(String deadLetterTopic, String group, FailedAttempt failure) {
        ConsumerRecord<byte[], byte[]> original = failure.record();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original.headers()) {
            headers.add(header.key(), header.value());
        }
        add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, original.topic());
        add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, String.valueOf(original.partition()));
        add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, String.valueOf(original.offset()));
        add(headers, DeadLetterHeaders.ORIGINAL_TIMESTAMP, String.valueOf(original.timestamp()));
        add(headers, DeadLetterHeaders.GROUP, group);
        add(headers, DeadLetterHeaders.ATTEMPTS, String.valueOf(failure.attempt()));
        Throwable error = failure.error();
        add(headers, DeadLetterHeaders.EXCEPTION_CLASS, error == null ? "" : error.getClass().getName());
        add(headers, DeadLetterHeaders.EXCEPTION_MESSAGE,
                error == null || error.getMessage() == null ? "" : error.getMessage());
        add(headers, DeadLetterHeaders.STACKTRACE, stackTrace(error));
        return new ProducerRecord<>(deadLetterTopic, null, null, original.key(), original.value(), headers);
    }

    private static void add(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String stackTrace(Throwable error) {
        if (error == null) {
            return "";
        }
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        String trace = text.toString();
        return trace.length() <= DeadLetterHeaders.MAX_STACKTRACE_CHARS
                ? trace : trace.substring(0, DeadLetterHeaders.MAX_STACKTRACE_CHARS);
    }
}
