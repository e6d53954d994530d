package dev.lanes.internal.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.internal.offsets.DecodedOffsets.Status;
import dev.lanes.internal.offsets.OffsetMetadataCodec.Kind;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OffsetMetadataCodecTest {

    private static final int LIMIT = OffsetMetadataCodec.KAFKA_DEFAULT_MAX_METADATA_CHARS;

    // Golden strings pin the version-1 format: other Lanes versions must keep reading them.

    @Test
    void goldenBitset() {
        // 01 01 64 01: version 1, BITSET, base 100, bit 0 = offset 101
        assertThat(encode(100, 101)).isEqualTo("lanes:AQFkAQ");
        // 01 01 00 b7: bits 0,1,2,4,5,7 = offsets 1,2,3,5,6,8
        assertThat(encode(0, 1, 2, 3, 5, 6, 8)).isEqualTo("lanes:AQEAtw");
    }

    @Test
    void goldenRunLength() {
        // 01 02 64 01 03 5f 01: base 100; 1 not ended (101), 3 ended (102-104), 95 not ended, 1 ended (200)
        assertThat(encode(100, 102, 103, 104, 200)).isEqualTo("lanes:AQJkAQNfAQ");
        DecodedOffsets decoded = OffsetMetadataCodec.decode("lanes:AQJkAQNfAQ", 100);
        assertThat(decoded.status()).isEqualTo(Status.OURS);
        assertThat(decoded.kind()).contains(Kind.RUN_LENGTH);
        assertThat(decoded.endedCount()).isEqualTo(4);
    }

    @Test
    void compressesRegularPatterns() {
        long[] everyOther = new long[2_000];
        for (int i = 0; i < everyOther.length; i++) {
            everyOther[i] = 1 + 2L * i;
        }
        String metadata = OffsetMetadataCodec.encode(0, everyOther, LIMIT).orElseThrow();

        DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata, 0);
        assertThat(decoded.kind()).contains(Kind.BITSET_DEFLATE);
        assertThat(metadata.length()).isLessThan(40);
        assertThat(decoded.contains(3_999)).isTrue();
        assertThat(decoded.contains(4_000)).isFalse();
    }

    @Test
    void noEndedOffsetsEncodeAsEmptyMetadataEvenWithNoBudget() {
        assertThat(OffsetMetadataCodec.encode(5, new long[0], 0)).contains("");
        assertThat(OffsetMetadataCodec.decode("", 5).status()).isEqualTo(Status.EMPTY);
        assertThat(OffsetMetadataCodec.decode(null, 5).status()).isEqualTo(Status.EMPTY);
        assertThat(OffsetMetadataCodec.decode(null, 5).warrantsWarning()).isFalse();
    }

    @Test
    void tooSmallABudgetGivesNothingRatherThanATruncatedString() {
        assertThat(OffsetMetadataCodec.encode(100, new long[] {101}, 11)).isEmpty();
        assertThat(OffsetMetadataCodec.encode(100, new long[] {101}, 12)).contains("lanes:AQFkAQ");
        assertThat(OffsetMetadataCodec.encode(100, new long[] {101}, 0)).isEmpty();
    }

    @Test
    void encodesTheTrackersEndedOffsetsAboveItsCommittableOffset() {
        OffsetTracker tracker = new OffsetTracker(10);
        long h10 = tracker.track(10);
        tracker.track(11);
        long h12 = tracker.track(12);
        tracker.markEnded(h10);
        tracker.markEnded(h12);

        String metadata = OffsetMetadataCodec.encode(tracker, LIMIT).orElseThrow();

        DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata, tracker.committableOffset());
        assertThat(decoded.status()).isEqualTo(Status.OURS);
        assertThat(decoded.contains(11)).isFalse();
        assertThat(decoded.contains(12)).isTrue();
        assertThat(decoded.endedCount()).isEqualTo(1);
    }

    @Test
    void rejectsInputsThatBreakTheContract() {
        assertThatThrownBy(() -> OffsetMetadataCodec.encode(10, new long[] {10}, LIMIT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OffsetMetadataCodec.encode(10, new long[] {12, 12}, LIMIT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OffsetMetadataCodec.encode(10, new long[] {13, 12}, LIMIT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OffsetMetadataCodec.encode(-1, new long[] {1}, LIMIT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OffsetMetadataCodec.encode(1, new long[] {2}, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metadataWrittenForAnotherCommittedOffsetIsStale() {
        String metadata = encode(100, 101);

        DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata, 101);

        assertThat(decoded.status()).isEqualTo(Status.STALE);
        assertThat(decoded.warrantsWarning()).isTrue();
        assertThat(decoded.detail()).contains("100").contains("101");
        assertThat(decoded.contains(101)).isFalse();
        assertThat(decoded.endedCount()).isZero();
    }

    @Test
    void otherLibrariesMetadataIsForeign() {
        String[] foreign = {
            "AgAAAYv8Xg4AAA==", // Kafka Streams style: standard Base64 of a version byte and a timestamp
            "{\"checkpoint\":123}",
            "lanes",
            "LANES:AQFkAQ",
            " lanes:AQFkAQ",
        };
        for (String metadata : foreign) {
            DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata, 100);
            assertThat(decoded.status()).as(metadata).isEqualTo(Status.FOREIGN);
            assertThat(decoded.warrantsWarning()).isTrue();
            assertThat(decoded.contains(101)).isFalse();
        }
        assertThat(OffsetMetadataCodec.decode("x".repeat(5_000), 0).detail()).contains("5000 chars").hasSizeLessThan(200);
    }

    @Test
    void unreadableMetadataWithOurPrefixIsGarbled() {
        assertGarbled("lanes:", "truncated before the version");
        assertGarbled("lanes:!!!!", "Base64");
        assertGarbled(ours(2, 0x01, 100), "unsupported version 2");
        assertGarbled(ours(1, 0x07, 100), "unknown kind 0x7");
        assertGarbled(ours(1, 0x01), "base offset");
        assertGarbled(ours(1, 0x02, 0x80), "base offset"); // varint cut short
        assertGarbled(ours(1, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01), "longer than 9");
        assertGarbled(ours(1, 0x12, 100, 0x01, 0x02), "compressed payload");
    }

    @Test
    void runThatPassesTheLargestOffsetIsGarbled() {
        // base 100, then a not-ended run of 2^63 - 1 offsets
        String metadata = ours(1, 0x02, 100, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x01);

        assertThat(OffsetMetadataCodec.decode(metadata, 100).status()).isEqualTo(Status.GARBLED);
    }

    @Test
    void zipBombIsGarbledWithoutInflatingIt() {
        byte[] bomb = Deflate.deflate(new byte[10 * 1024 * 1024]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(1);
        bytes.write(Kind.BITSET_DEFLATE.code());
        Varint.write(bytes, 0);
        bytes.write(bomb, 0, bomb.length);
        String metadata = OffsetMetadataCodec.PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());

        DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata, 0);

        assertThat(decoded.status()).isEqualTo(Status.GARBLED);
        assertThat(decoded.detail()).contains("inflates beyond " + OffsetMetadataCodec.MAX_INFLATED_BYTES);
    }

    @Test
    void compressedPayloadFollowedByExtraBytesIsGarbled() {
        byte[] deflated = Deflate.deflate(RunLengthPayload.encode(100, EndedRuns.ofAscending(new long[] {101})));
        int[] bytes = new int[4 + deflated.length];
        bytes[0] = 1;
        bytes[1] = Kind.RUN_LENGTH_DEFLATE.code();
        bytes[2] = 100;
        for (int i = 0; i < deflated.length; i++) {
            bytes[3 + i] = deflated[i] & 0xFF;
        }
        bytes[bytes.length - 1] = 0x42;

        assertGarbled(ours(bytes), "bytes follow");
    }

    @Test
    void runLengthReaderToleratesHarmlessNonCanonicalForms() {
        // base 0; 0 not ended, 0 ended, 2 not ended, 1 ended (offset 3), then a trailing not-ended run
        DecodedOffsets decoded = OffsetMetadataCodec.decode(ours(1, 0x02, 0, 0, 0, 2, 1, 5), 0);

        assertThat(decoded.status()).isEqualTo(Status.OURS);
        assertThat(decoded.endedCount()).isEqualTo(1);
        assertThat(decoded.contains(3)).isTrue();
        assertThat(decoded.contains(1)).isFalse();
        assertThat(decoded.contains(4)).isFalse();
    }

    @Test
    void offsetsNearTheLargestLongRoundTrip() {
        long base = Long.MAX_VALUE - 10;
        String metadata = OffsetMetadataCodec.encode(base, new long[] {base + 2, Long.MAX_VALUE - 1}, LIMIT).orElseThrow();

        DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata, base);

        assertThat(decoded.status()).isEqualTo(Status.OURS);
        assertThat(decoded.contains(base + 2)).isTrue();
        assertThat(decoded.contains(Long.MAX_VALUE - 1)).isTrue();
        assertThat(decoded.contains(Long.MAX_VALUE)).isFalse();
        assertThat(decoded.endedCount()).isEqualTo(2);
    }

    @Test
    void baseOffsetThatLeavesNoRoomIsGarbled() {
        String metadata = ours(1, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x01);

        assertThat(OffsetMetadataCodec.decode(metadata, Long.MAX_VALUE).status()).isEqualTo(Status.GARBLED);
    }

    @Test
    void sparseWindowOfBillionsDoesNotAllocateABitset() {
        Optional<String> metadata = OffsetMetadataCodec.encode(0, new long[] {1, 50_000_000_000L}, Integer.MAX_VALUE);

        DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata.orElseThrow(), 0);
        assertThat(decoded.kind()).contains(Kind.RUN_LENGTH);
        assertThat(decoded.contains(50_000_000_000L)).isTrue();
    }

    private static String encode(long base, long... ended) {
        return OffsetMetadataCodec.encode(base, ended, LIMIT).orElseThrow();
    }

    private static String ours(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return OffsetMetadataCodec.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static void assertGarbled(String metadata, String detail) {
        DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata, 100);
        assertThat(decoded.status()).as(metadata).isEqualTo(Status.GARBLED);
        assertThat(decoded.detail()).as(metadata).contains(detail);
        assertThat(decoded.warrantsWarning()).isTrue();
        assertThat(decoded.contains(101)).isFalse();
    }
}
