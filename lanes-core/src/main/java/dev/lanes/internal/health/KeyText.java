package dev.lanes.internal.health;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A record key as health shows it: keys are bytes, possibly binary and possibly huge, so it shows
 * printable UTF-8 as text and anything else as hex, never more than about 80 characters, with the
 * key's length in bytes when it had to cut. Stateless; any thread.
 */
final class KeyText {
    static final int MAX_TEXT_CHARS = 64;
    static final int MAX_HEX_BYTES = 32;

    private KeyText() {
    }

    /** {@code null} for a record without a key. */
    static String of(byte[] key) {
        if (key == null) {
            return null;
        }
        String text = printableText(key);
        if (text != null) {
            return text;
        }
        int shown = Math.min(key.length, MAX_HEX_BYTES);
        StringBuilder hex = new StringBuilder(2 + 2 * shown + 20).append("0x");
        for (int i = 0; i < shown; i++) {
            hex.append(Character.forDigit((key[i] >> 4) & 0xF, 16)).append(Character.forDigit(key[i] & 0xF, 16));
        }
        return shown < key.length ? hex.append("… (").append(key.length).append(" bytes)").toString() : hex.toString();
    }

    /** The key as text if its first bytes are valid UTF-8 without control characters, else {@code null}. */
    private static String printableText(byte[] key) {
        // Four bytes per character at most: decoding more than this could never be shown.
        int prefix = Math.min(key.length, 4 * (MAX_TEXT_CHARS + 1));
        CharBuffer chars = decode(key, prefix);
        // A prefix cut inside a character: drop its last (incomplete) bytes and try again.
        for (int drop = 1; chars == null && prefix < key.length && drop <= 3 && prefix - drop > 0; drop++) {
            chars = decode(key, prefix - drop);
        }
        if (chars == null) {
            return null;
        }
        String text = chars.toString();
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return null;
            }
        }
        if (text.length() <= MAX_TEXT_CHARS && prefix >= key.length) {
            return text;
        }
        int cut = Math.min(text.length(), MAX_TEXT_CHARS);
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "… (" + key.length + " bytes)";
    }

    private static CharBuffer decode(byte[] key, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(key, 0, length));
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
