package dev.lanes.cli.produce;

import dev.lanes.cli.LabeledChoice;
import dev.lanes.cli.Json;
import java.nio.charset.StandardCharsets;

/**
 * The values {@code lanes produce} writes: {@code text}, the same {@code S} letters for every record
 * (the producer only reads the array), or {@code json}, one JSON object of about {@code S} bytes
 * per record, {@code {"seq":41,"key":"key-41","pad":"abc…"}}, of which every N-th
 * ({@code --bad-every N}) is replaced by text that is not JSON, to try a consumer's failure
 * policy. Immutable; the command's thread.
 */
final class ProducedValues {

    /** {@code --value-format}. */
    enum Format implements LabeledChoice {
        TEXT("text"), JSON("json");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        static final class Converter extends LabeledChoice.Converter<Format> {
            Converter() {
                super(Format.class);
            }
        }
    }

    private final Format format;
    private final int valueBytes;
    private final long badEvery;
    private final byte[] text;

    /** @param badEvery every how many values one is not JSON; 0 for none */
    ProducedValues(Format format, int valueBytes, long badEvery) {
        this.format = format;
        this.valueBytes = valueBytes;
        this.badEvery = badEvery;
        this.text = format == Format.TEXT ? letters(valueBytes).getBytes(StandardCharsets.US_ASCII) : null;
    }

    /** Whether the value of the record at {@code index} (from 0) is one of the bad ones. */
    boolean isBad(long index) {
        return badEvery > 0 && (index + 1) % badEvery == 0;
    }

    /** The value of the record at {@code index} (from 0); the text array is shared, never written. */
    byte[] value(long index, String key) {
        if (format == Format.TEXT) {
            return text;
        }
        String head = isBad(index) ? "not JSON: record " + index + " " : jsonHead(index, key);
        String tail = isBad(index) ? "" : "\"}";
        int pad = Math.max(0, valueBytes - head.length() - tail.length());
        return (head + letters(pad) + tail).getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonHead(long index, String key) {
        StringBuilder b = new StringBuilder(40).append("{\"seq\":").append(index).append(",\"key\":");
        Json.quote(b, key);
        return b.append(",\"pad\":\"").toString();
    }

    /** {@code abc…z abc…}: {@code n} ASCII letters. */
    private static String letters(int n) {
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            chars[i] = (char) ('a' + i % 26);
        }
        return new String(chars);
    }
}
