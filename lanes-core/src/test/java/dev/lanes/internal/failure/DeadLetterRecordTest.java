package dev.lanes.internal.failure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.DeadLetterHeaders;
import dev.lanes.FailedAttempt;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterRecordTest {

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    @Test
    void keepsKeyValueAndHeadersByteForByteAndAddsTheProvenance() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", new byte[] {0, (byte) 0xff});
        byte[] key = {(byte) 0xc3, 0x28};      // not valid UTF-8: kept as bytes
        byte[] value = {1, 2, 3};
        ConsumerRecord<byte[], byte[]> original = new ConsumerRecord<>("orders", 4, 99, 1234L,
                TimestampType.CREATE_TIME, 2, 3, key, value, headers, Optional.empty());
        Exception error = new IllegalStateException("downstream said no");

        ProducerRecord<byte[], byte[]> dead = DeadLetterRecord.of("orders.dlt", "billing",
                new FailedAttempt(original, 3, error, true, true));

        assertThat(dead.topic()).isEqualTo("orders.dlt");
        assertThat(dead.partition()).as("partitioned by key, so one key's dead letters keep their order").isNull();
        assertThat(dead.key()).isEqualTo(key);
        assertThat(dead.value()).isEqualTo(value);
        assertThat(dead.headers().lastHeader("trace").value()).isEqualTo(new byte[] {0, (byte) 0xff});
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("orders");
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("4");
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("99");
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_TIMESTAMP)).isEqualTo("1234");
        assertThat(header(dead, DeadLetterHeaders.GROUP)).isEqualTo("billing");
        assertThat(header(dead, DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
        assertThat(header(dead, DeadLetterHeaders.EXCEPTION_CLASS)).isEqualTo(IllegalStateException.class.getName());
        assertThat(header(dead, DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("downstream said no");
        assertThat(header(dead, DeadLetterHeaders.STACKTRACE)).startsWith("java.lang.IllegalStateException")
                .hasSizeLessThanOrEqualTo(DeadLetterHeaders.MAX_STACKTRACE_CHARS);
    }

    @Test
    void aLongStackTraceIsCut() {
        Exception deep = new IllegalStateException("deep");
        StackTraceElement[] frames = new StackTraceElement[2_000];
        java.util.Arrays.fill(frames, new StackTraceElement("a.B", "c", "B.java", 1));
        deep.setStackTrace(frames);
        ConsumerRecord<byte[], byte[]> original = new ConsumerRecord<>("t", 0, 0, null, null);

        ProducerRecord<byte[], byte[]> dead = DeadLetterRecord.of("dlt", "g", new FailedAttempt(original, 1, deep,
                true, true));

        assertThat(header(dead, DeadLetterHeaders.STACKTRACE)).hasSize(DeadLetterHeaders.MAX_STACKTRACE_CHARS);
        assertThat(dead.key()).isNull();
    }
}
