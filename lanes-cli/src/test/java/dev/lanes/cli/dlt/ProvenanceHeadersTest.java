package dev.lanes.cli.dlt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** What a replayed record keeps of a dead letter's headers: every one but the lanes.dlt.* ones. */
class ProvenanceHeadersTest {

    @Test
    void originalHeadersKeepTheirOrderRepeatsAndNullsWithoutTheProvenance() {
        Headers dead = new RecordHeaders();
        dead.add("trace", bytes("t-1"));
        dead.add(DeadLetterHeaders.ORIGINAL_TOPIC, bytes("orders"));
        dead.add("tag", bytes("a"));
        dead.add("tag", bytes("b"));
        dead.add("empty", null);
        dead.add("lanes.dlt", bytes("not the prefix: kept"));
        dead.add("lanes.other", bytes("kept"));
        for (String name : new String[] {DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.ORIGINAL_OFFSET,
            DeadLetterHeaders.ORIGINAL_TIMESTAMP, DeadLetterHeaders.GROUP, DeadLetterHeaders.ATTEMPTS,
            DeadLetterHeaders.EXCEPTION_CLASS, DeadLetterHeaders.EXCEPTION_MESSAGE, DeadLetterHeaders.STACKTRACE,
            DeadLetterHeaders.PREFIX + "future.header"}) {
            dead.add(name, bytes("x"));
        }

        Headers original = ProvenanceHeaders.original(dead);

        assertThat(original.toArray()).extracting(Header::key)
                .containsExactly("trace", "tag", "tag", "empty", "lanes.dlt", "lanes.other");
        assertThat(original.toArray()).extracting(h -> h.value() == null ? null : new String(h.value(),
                StandardCharsets.UTF_8)).containsExactly("t-1", "a", "b", null, "not the prefix: kept", "kept");
        assertThat(dead.toArray()).hasSize(16); // the dead letter itself is left as it was
    }

    @Test
    void theOriginalTopicComesFromItsHeader() {
        Headers dead = new RecordHeaders();
        assertThat(ProvenanceHeaders.originalTopic(dead)).isNull();
        dead.add(DeadLetterHeaders.ORIGINAL_TOPIC, new byte[0]);
        assertThat(ProvenanceHeaders.originalTopic(dead)).isNull();
        dead.add(DeadLetterHeaders.ORIGINAL_TOPIC, bytes("orders-é"));
        assertThat(ProvenanceHeaders.originalTopic(dead)).isEqualTo("orders-é");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
