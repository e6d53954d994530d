package dev.lanes.cli.dlt;

import dev.lanes.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The {@code lanes.dlt.*} headers of a dead-lettered record ({@link DeadLetterHeaders}): where it
 * came from, and its original headers without them. Stateless.
 */
final class ProvenanceHeaders {

    private ProvenanceHeaders() {
    }

    /**
     * The record's own headers: every header but the {@code lanes.dlt.*} ones, in their order,
     * repeated names and null values kept.
     */
    static Headers original(Headers deadLetter) {
        RecordHeaders kept = new RecordHeaders();
        for (Header header : deadLetter) {
            if (!header.key().startsWith(DeadLetterHeaders.PREFIX)) {
                kept.add(header.key(), header.value());
            }
        }
        return kept;
    }

    /** The topic the record was dead-lettered from, or null if the header is missing or empty. */
    static String originalTopic(Headers deadLetter) {
        Header header = deadLetter.lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC);
        if (header == null || header.value() == null || header.value().length == 0) {
            return null;
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
