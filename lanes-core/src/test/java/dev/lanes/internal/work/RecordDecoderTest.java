package dev.lanes.internal.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RecordDeserializationException.DeserializationExceptionOrigin;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {
    private static final Deserializer<String> STRINGS = new StringDeserializer();

    private static ConsumerRecord<byte[], byte[]> raw(String key, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("type", "order".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("t", 3, 42, 1_000L, TimestampType.CREATE_TIME, key.length(), value.length(),
                key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), headers, Optional.of(7));
    }

    @Test
    void keepsEverythingButTheKeyAndValueWhichItDeserializes() {
        ConsumerRecord<String, String> decoded = new RecordDecoder<>(STRINGS, STRINGS).decode(raw("k", "hello"));

        assertThat(decoded.key()).isEqualTo("k");
        assertThat(decoded.value()).isEqualTo("hello");
        assertThat(decoded.topic()).isEqualTo("t");
        assertThat(decoded.partition()).isEqualTo(3);
        assertThat(decoded.offset()).isEqualTo(42);
        assertThat(decoded.timestamp()).isEqualTo(1_000L);
        assertThat(decoded.serializedValueSize()).isEqualTo(5);
        assertThat(decoded.leaderEpoch()).contains(7);
        assertThat(decoded.headers().lastHeader("type").value()).asString(StandardCharsets.UTF_8).isEqualTo("order");
    }

    @Test
    void aKeyThatCannotBeDeserializedNamesTheKeyAndTheRecord() {
        RecordDecoder<Integer, String> decoder = new RecordDecoder<>(new IntegerDeserializer(), STRINGS);

        assertThatThrownBy(() -> decoder.decode(raw("abc", "v")))
                .isInstanceOfSatisfying(RecordDeserializationException.class, e -> {
                    assertThat(e.origin()).isEqualTo(DeserializationExceptionOrigin.KEY);
                    assertThat(e.offset()).isEqualTo(42);
                    assertThat(e.topicPartition().partition()).isEqualTo(3);
                    assertThat(e.keyBuffer().remaining()).as("the original bytes are kept").isEqualTo(3);
                })
                .hasMessageContaining("key of t-3@42");
    }

    @Test
    void aValueThatCannotBeDeserializedNamesTheValue() {
        RecordDecoder<String, Integer> decoder = new RecordDecoder<>(STRINGS, new IntegerDeserializer());

        assertThatThrownBy(() -> decoder.decode(raw("k", "not a number")))
                .isInstanceOfSatisfying(RecordDeserializationException.class,
                        e -> assertThat(e.origin()).isEqualTo(DeserializationExceptionOrigin.VALUE))
                .hasMessageContaining("value of t-3@42");
    }

    @Test
    void aDeserializerThatReadsHeadersGetsThem() {
        Deserializer<String> byType = new Deserializer<>() {
            @Override
            public String deserialize(String topic, byte[] data) {
                throw new AssertionError("the headers-aware method must be called");
            }

            @Override
            public String deserialize(String topic, Headers headers, byte[] data) {
                return new String(headers.lastHeader("type").value(), StandardCharsets.UTF_8) + ":"
                        + new String(data, StandardCharsets.UTF_8);
            }
        };

        assertThat(new RecordDecoder<>(STRINGS, byType).decode(raw("k", "v")).value()).isEqualTo("order:v");
    }
}
