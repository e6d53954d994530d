package dev.lanes.cli.produce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code lanes produce --value-format json --bad-every N}: JSON objects of about S bytes, every N-th not JSON. */
class ProducedValuesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void jsonValuesAreObjectsOfAboutTheSizeAskedAndEveryNthIsNotJson() throws Exception {
        ProducedValues values = new ProducedValues(ProducedValues.Format.JSON, 100, 3);
        for (long i = 0; i < 9; i++) {
            byte[] value = values.value(i, "key-" + i);
            if (i % 3 == 2) {
                assertThat(values.isBad(i)).isTrue();
                assertThat(new String(value, StandardCharsets.UTF_8)).startsWith("not JSON: record " + i);
                continue;
            }
            assertThat(values.isBad(i)).isFalse();
            assertThat(value).hasSize(100);
            JsonNode tree = mapper.readTree(value);
            assertThat(tree.get("seq").asLong()).isEqualTo(i);
            assertThat(tree.get("key").asText()).isEqualTo("key-" + i);
        }
        assertThat(mapper.readTree(new ProducedValues(ProducedValues.Format.JSON, 0, 0).value(12345, "key-1"))
                .get("pad").asText()).isEmpty();
    }

    @Test
    void textValuesAreLettersOfTheSizeAsked() {
        ProducedValues values = new ProducedValues(ProducedValues.Format.TEXT, 30, 0);
        assertThat(new String(values.value(0, "key-0"), StandardCharsets.US_ASCII))
                .isEqualTo("abcdefghijklmnopqrstuvwxyzabcd");
        assertThat(values.value(1, "key-1")).isSameAs(values.value(0, "key-0"));
    }
}
