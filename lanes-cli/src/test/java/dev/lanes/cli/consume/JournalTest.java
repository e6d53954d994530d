package dev.lanes.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.cli.Json;
import org.junit.jupiter.api.Test;

/** The journal's lines: JSON that parses back to what was written. */
class JournalTest {

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
