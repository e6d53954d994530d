package dev.lanes.cli.consume;

import dev.lanes.cli.LabeledChoice;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code lanes consume --value-format}: how the consumer deserializes values, on its workers. A
 * value that cannot be deserialized fails its record (never retried), which is how a user tries
 * the failure policy on bad input.
 */
enum ValueFormat implements LabeledChoice {
    /** UTF-8 text; never fails (malformed bytes become U+FFFD). */
    STRING("string"),
    /** A JSON document ({@link JsonValueDeserializer}); anything else fails its record. */
    JSON("json");

    private final String label;

    ValueFormat(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** A new deserializer of this format; thread-safe, as the engine's workers share it. */
    Deserializer<?> deserializer() {
        return this == JSON ? new JsonValueDeserializer() : new StringDeserializer();
    }

    static final class Converter extends LabeledChoice.Converter<ValueFormat> {
        Converter() {
            super(ValueFormat.class);
        }
    }
}
