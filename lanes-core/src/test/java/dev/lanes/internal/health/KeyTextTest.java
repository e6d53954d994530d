package dev.lanes.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyTextTest {
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void printableTextIsShownAsIs() {
        assertThat(KeyText.of(utf8("order-42 é ✓"))).isEqualTo("order-42 é ✓");
        assertThat(KeyText.of(null)).isNull();
        assertThat(KeyText.of(new byte[0])).isEmpty();
    }

    @Test
    void longTextIsCutWithItsLengthInBytes() {
        String shown = KeyText.of(utf8("k".repeat(1_000_000)));
        assertThat(shown).isEqualTo("k".repeat(KeyText.MAX_TEXT_CHARS) + "… (1000000 bytes)");
    }

    @Test
    void aCutInsideAMultiByteCharacterStillReadsAsText() {
        String shown = KeyText.of(utf8("é".repeat(400)));
        assertThat(shown).isEqualTo("é".repeat(KeyText.MAX_TEXT_CHARS) + "… (800 bytes)");
        assertThat(KeyText.of(utf8("😀".repeat(100)))).startsWith("😀").endsWith("… (400 bytes)")
                .hasSizeLessThanOrEqualTo(80);
    }

    @Test
    void binaryOrControlCharactersAreShownAsHexAndCut() {
        assertThat(KeyText.of(new byte[] {0, 1, (byte) 0xff})).isEqualTo("0x0001ff");
        assertThat(KeyText.of(utf8("tab\there"))).isEqualTo("0x" + "746162096865726" + "5");
        byte[] big = new byte[100];
        big[0] = (byte) 0xc3; // not valid UTF-8 on its own
        assertThat(KeyText.of(big)).isEqualTo("0xc3" + "00".repeat(KeyText.MAX_HEX_BYTES - 1) + "… (100 bytes)");
    }
}
