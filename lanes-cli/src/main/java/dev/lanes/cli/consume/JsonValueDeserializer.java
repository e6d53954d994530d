package dev.lanes.cli.consume;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * {@code lanes consume --value-format json}: a value is one JSON document (RFC 8259), read into a
 * Jackson tree. Anything else, an empty value or trailing text included, throws a
 * {@link SerializationException}, so the engine fails that record as one that cannot be
 * deserialized. A null value (a tombstone) stays null. Thread-safe: Jackson's readers are
 * immutable, and the engine's workers call this at once.
 */
final class JsonValueDeserializer implements Deserializer<JsonNode> {

    private static final ObjectReader READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .reader();

    @Override
    public JsonNode deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            JsonNode tree = READER.readTree(data);
            if (tree == null || tree.isMissingNode()) {
                throw new SerializationException("the value is empty, not JSON");
            }
            return tree;
        } catch (JacksonException e) {
            throw new SerializationException("the value is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SerializationException("cannot read the value as JSON: " + e.getMessage(), e);
        }
    }
}
