package dev.lanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The journal's JSON: escaping, and lines that parse back to what was written. */
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

    @Test
    void aJournalLineParsesBackToItsFields() {
        String key = "k \"1\"\\\n\u0000é";
        String line = Journal.line("t", 3, 42, key, 2, 1_000_001, 1_000_002, Journal.Outcome.DEAD_LETTER,
                Json.quote("inst\"a"));

        assertThat(line).endsWith("}\n").doesNotContain("\n}");
        assertThat(JournalLine.parse(line.strip())).isEqualTo(new JournalLine("t", 3, 42, key, 2,
                1_000_001, 1_000_002, "dead-letter", "inst\"a"));
        assertThat(JournalLine.parse(Journal.line("t", 0, 0, null, 1, 5, 6, Journal.Outcome.OK,
                Json.quote("a")).strip()).key()).isNull();
        assertThat(Journal.line("t", 0, 42, "key-7", 1, 10, 20, Journal.Outcome.OK, Json.quote("a")))
                .isEqualTo("{\"topic\":\"t\",\"partition\":0,\"offset\":42,\"key\":\"key-7\",\"attempt\":1,"
                        + "\"startMicros\":10,\"endMicros\":20,\"outcome\":\"ok\",\"instance\":\"a\"}\n");
    }
}
