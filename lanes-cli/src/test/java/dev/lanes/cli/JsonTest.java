package dev.lanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** JSON strings: escaping. */
class JsonTest {

    @Test
    void quotesAndEscapes() {
        assertThat(Json.quote(null)).isEqualTo("null");
        assertThat(Json.quote("key-7")).isEqualTo("\"key-7\"");
        assertThat(Json.quote("a\"b\\c\nd\te\u0001f")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001f\"");
        assertThat(Json.quote("é€😀")).isEqualTo("\"é€😀\"");
        assertThat(Json.quote("x\ud800y")).isEqualTo("\"x\\ud800y\"");
        assertThat(Json.quote("\u2028")).isEqualTo("\"\\u2028\"");
    }
}
