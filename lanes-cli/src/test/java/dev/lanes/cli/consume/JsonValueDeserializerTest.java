package dev.lanes.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** {@code --value-format json}: one JSON document per value, anything else fails the record. */
class JsonValueDeserializerTest {

    private final JsonValueDeserializer json = new JsonValueDeserializer();

    @Test
    void readsAJsonDocument() {
        assertThat(json.deserialize("t", bytes("{\"seq\":7,\"key\":\"key-7\",\"pad\":\"abc\"}")).get("seq").asInt())
                .isEqualTo(7);
        assertThat(json.deserialize("t", bytes(" [1, 2] ")).size()).isEqualTo(2);
        assertThat(json.deserialize("t", bytes("\"text\"")).asText()).isEqualTo("text");
    }

    @Test
    void aTombstoneStaysNull() {
        assertThat(json.deserialize("t", null)).isNull();
    }

    @Test
    void anythingElseIsASerializationException() {
        for (String bad : new String[] {"not JSON: record 9 abc", "{\"seq\":1", "{} trailing", "", "   ",
            "{\"a\":1}{\"b\":2}"}) {
            assertThatThrownBy(() -> json.deserialize("t", bytes(bad))).as(bad)
                    .isInstanceOf(SerializationException.class).hasMessageContaining("JSON");
        }
        assertThatThrownBy(() -> json.deserialize("t", new byte[] {(byte) 0xff, (byte) 0xfe}))
                .isInstanceOf(SerializationException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
