package dev.lanes.internal.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.internal.offsets.DecodedOffsets.Status;
import dev.lanes.internal.offsets.OffsetMetadataCodec.Kind;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The codec on generated ended sets, budgets and garbage: (a) round trip, (c) budget, (d) decode
 * never throws, (e) realistic dense and sparse sets. Seeded: a failure names its seed, and
 * {@code -Dlanes.seed=<seed>} re-runs that one case (see {@link RandomCases}). Most tests check
 * 1,000 cases a run; the ones over 10,000 to 200,000 offsets check fewer (the count says why).
 */
class OffsetMetadataCodecRandomizedTest {

    private static final int LIMIT = OffsetMetadataCodec.KAFKA_DEFAULT_MAX_METADATA_CHARS;
    private static final int CASES = 1_000;

    /** A committed offset and the ended offsets above it. */
    record Ended(long base, long[] offsets) {

        @Override
        public String toString() {
            String head = Arrays.toString(Arrays.copyOf(offsets, Math.min(offsets.length, 20)));
            return "Ended[base=" + base + ", " + offsets.length + " offsets: " + head + "]";
        }
    }

    // (a) round trip

    @Test
    void anyEndedSetRoundTrips() {
        Set<Kind> kindsSeen = EnumSet.noneOf(Kind.class);
        boolean[] emptySeen = {false};
        RandomCases.run(CASES, gen -> {
            Ended ended = endedSet(gen);
            String metadata = OffsetMetadataCodec.encode(ended.base(), ended.offsets(), Integer.MAX_VALUE).orElseThrow();

            DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata, ended.base());

            assertDecodesExactly(decoded, ended);
            decoded.kind().ifPresentOrElse(kindsSeen::add, () -> emptySeen[0] = true);
        });
        if (!RandomCases.singleSeed()) {
            // What the former property test only reported as statistics: the generator reaches every encoding.
            assertThat(kindsSeen).as("kinds chosen over %d cases", CASES).containsExactlyInAnyOrder(Kind.values());
            assertThat(emptySeen[0]).as("an empty ended set among %d cases", CASES).isTrue();
        }
    }

    // (c) budget

    @Test
    void neverExceedsTheBudgetAndFitsWheneverTheShortestEncodingDoes() {
        int[] fits = new int[2];
        RandomCases.run(CASES, gen -> {
            Ended ended = endedSet(gen);
            String shortest = OffsetMetadataCodec.encode(ended.base(), ended.offsets(), Integer.MAX_VALUE).orElseThrow();
            // Any budget up to 6,000 as before, and (new) often one right at the boundary, where off-by-ones live.
            int maxChars = gen.percent(30) ? Math.max(0, shortest.length() + gen.intBetween(-1, 1)) : gen.intBetween(0, 6_000);

            Optional<String> metadata = OffsetMetadataCodec.encode(ended.base(), ended.offsets(), maxChars);

            if (shortest.length() <= maxChars) {
                assertThat(metadata).as("%s within %d chars", ended, maxChars).contains(shortest);
            } else {
                assertThat(metadata).as("%s within %d chars", ended, maxChars).isEmpty();
            }
            fits[metadata.isPresent() ? 1 : 0]++;
        });
        if (!RandomCases.singleSeed()) {
            assertThat(fits).as("[did not fit, fit] over %d cases", CASES).doesNotContain(0);
        }
    }

    @Test
    void tinyBudgetsAreRespected() {
        RandomCases.run(CASES, gen -> {
            Ended ended = endedSet(gen);
            int maxChars = gen.intBetween(0, 24);

            Optional<String> metadata = OffsetMetadataCodec.encode(ended.base(), ended.offsets(), maxChars);

            metadata.ifPresent(m -> assertThat(m.length()).as("%s within %d chars", ended, maxChars).isLessThanOrEqualTo(maxChars));
            metadata.ifPresent(m -> assertDecodesExactly(OffsetMetadataCodec.decode(m, ended.base()), ended));
        });
    }

    // (d) decode never throws

    @Test
    void decodesAnyStringWithoutThrowing() {
        RandomCases.run(CASES, gen -> {
            // Any string, sometimes starting with something close to our prefix (still not ours).
            String metadata = gen.percent(15) ? gen.oneOf("lanes", "lanes;", "Lanes:", " lanes:", "lanes-", "LANES:") + gen.string(255)
                    : gen.string(255);
            long committed = gen.longBetween(-1, Long.MAX_VALUE);

            DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata, committed);

            assertThat(decoded.status()).as("status of %s", quote(metadata)).isNotEqualTo(Status.OURS);
            assertThat(decoded.detail()).isNotNull();
        });
    }

    @Test
    void decodesAnyStringWithOurPrefixWithoutThrowing() {
        RandomCases.run(CASES, gen -> {
            // Any string, or (more often than chance) one Base64 would accept, so decoding gets further.
            String rest = gen.percent(50) ? gen.string(255) : gen.base64ish(255);
            long committed = gen.longBetween(0, 300);

            probe(OffsetMetadataCodec.PREFIX + rest, committed);
        });
    }

    @Test
    void decodesAnyBytesWithOurPrefixWithoutThrowing() {
        RandomCases.run(CASES, gen -> {
            byte[] bytes = gen.bytes(255);
            long committed = gen.longBetween(0, 300);

            probe(OffsetMetadataCodec.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), committed);
        });
    }

    @Test
    void decodesValidHeadersWithArbitraryPayloadsWithoutThrowing() {
        Set<Status> statusesSeen = EnumSet.noneOf(Status.class);
        RandomCases.run(CASES, gen -> {
            Kind kind = gen.oneOf(Kind.values());
            long base = gen.longBetween(0, Long.MAX_VALUE);
            // Random bytes, or (beyond the former property test) a real payload of this kind, damaged or not.
            byte[] payload = gen.percent(70) ? gen.bytes(255) : damagedRealPayload(gen, kind, base);
            byte[] body = kind.deflated() ? Deflate.deflate(payload) : payload;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(OffsetMetadataCodec.VERSION);
            bytes.write(kind.code());
            Varint.write(bytes, base);
            bytes.write(body, 0, body.length);
            String metadata = OffsetMetadataCodec.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());

            DecodedOffsets decoded = probe(metadata, base);

            assertThat(decoded.status()).as("%s with base %d: %s", kind, base, decoded).isIn(Status.OURS, Status.GARBLED);
            statusesSeen.add(decoded.status());
        });
        if (!RandomCases.singleSeed()) {
            assertThat(statusesSeen).as("statuses over %d cases", CASES).containsExactlyInAnyOrder(Status.OURS, Status.GARBLED);
        }
    }

    // (e) realistic dense and sparse sets

    @Test
    void tenThousandEndedInAWindowOfTwelveThousandFit() {
        // 300 cases, not 1,000: each encodes 10,000 offsets four ways (about 13 ms a case).
        RandomCases.run(300, gen -> {
            Ended ended = randomSubset(gen.longBetween(0, 1L << 40), 12_000, 10_000, gen.random());

            assertFitsAndRoundTrips(ended);
        });
    }

    @Test
    void hundredEndedInAWindowOfAMillionFit() {
        RandomCases.run(CASES, gen -> {
            Ended ended = randomSubset(gen.longBetween(0, 1L << 40), 1_000_000, 100, gen.random());

            assertFitsAndRoundTrips(ended);
        });
    }

    @Test
    void longRunsOfEndedOffsetsFit() {
        // 30 cases, not 1,000: each encodes and checks 200,000 offsets (about 130 ms a case).
        RandomCases.run(30, gen -> {
            // 200k ended offsets in 40 runs: typical of slow records holding back a fast partition.
            Random random = gen.random();
            long[] offsets = new long[200_000];
            long offset = 0;
            for (int i = 0; i < offsets.length; i++) {
                offset += i % 5_000 == 0 ? 1 + random.nextInt(1_000) : 1;
                offsets[i] = offset;
            }
            assertFitsAndRoundTrips(new Ended(0, offsets));
        });
    }

    @Test
    void randomHalfOfAHundredThousandDoesNotFitAndSaysSo() {
        // 30 cases, not 1,000: each draws and encodes 50,000 offsets (about 75 ms a case).
        RandomCases.run(30, gen -> {
            Ended ended = randomSubset(0, 100_000, 50_000, gen.random());

            assertThat(OffsetMetadataCodec.encode(ended.base(), ended.offsets(), LIMIT)).as("%s within %d chars", ended, LIMIT).isEmpty();
        });
    }

    /**
     * As the former property test generated them: base 0 half the time, else up to 2^40 (and, new, sometimes near
     * Long.MAX_VALUE for 9-byte varints); up to 50 or up to 3,000 gaps, 60 % of 1, 20 % in [2, 10],
     * 15 % in [11, 10,000], 5 % in [10,001, 10^9].
     */
    private static Ended endedSet(Gen gen) {
        long base = gen.percent(50) ? 0
                : gen.percent(94) ? gen.longBetween(0, 1L << 40)
                : Long.MAX_VALUE - (1L << 42) - gen.longBetween(0, 1_000_000);
        int count = gen.size(gen.percent(50) ? 50 : 3_000);
        long[] offsets = new long[count];
        long offset = base;
        for (int i = 0; i < count; i++) {
            int draw = gen.random().nextInt(100);
            offset += draw < 60 ? 1
                    : draw < 80 ? gen.longBetween(2, 10)
                    : draw < 95 ? gen.longBetween(11, 10_000)
                    : gen.longBetween(10_001, 1_000_000_000L);
            offsets[i] = offset;
        }
        return new Ended(base, offsets);
    }

    /** A payload of this kind's layout for a small ended set, then maybe cut, extended or bit-flipped. */
    private static byte[] damagedRealPayload(Gen gen, Kind kind, long base) {
        if (base > Long.MAX_VALUE - 1_000_000) {
            return gen.bytes(32); // no room above this base for a real set
        }
        int count = gen.size(40);
        long[] offsets = new long[count];
        long offset = base;
        for (int i = 0; i < count; i++) {
            offset += gen.percent(70) ? 1 : gen.longBetween(2, 500);
            offsets[i] = offset;
        }
        byte[] payload = kind.bitset() ? BitsetPayload.encode(base, EndedRuns.ofAscending(offsets))
                : RunLengthPayload.encode(base, EndedRuns.ofAscending(offsets));
        switch (gen.random().nextInt(4)) {
            case 0 -> { } // intact
            case 1 -> payload = Arrays.copyOf(payload, gen.intBetween(0, payload.length)); // cut
            case 2 -> { // extended
                byte[] tail = gen.bytes(16);
                payload = Arrays.copyOf(payload, payload.length + tail.length);
                System.arraycopy(tail, 0, payload, payload.length - tail.length, tail.length);
            }
            default -> { // bits flipped
                for (int flips = gen.intBetween(1, 3); flips > 0 && payload.length > 0; flips--) {
                    payload[gen.random().nextInt(payload.length)] ^= (byte) (1 << gen.random().nextInt(8));
                }
            }
        }
        return payload;
    }

    private static Ended randomSubset(long base, int window, int count, Random random) {
        long[] chosen = random.ints(1, window + 1).distinct().limit(count).asLongStream().sorted().map(i -> base + i).toArray();
        return new Ended(base, chosen);
    }

    private static void assertFitsAndRoundTrips(Ended ended) {
        Optional<String> metadata = OffsetMetadataCodec.encode(ended.base(), ended.offsets(), LIMIT);

        assertThat(metadata).as("%s fits %d chars", ended, LIMIT).isPresent();
        assertThat(metadata.get().length()).isLessThanOrEqualTo(LIMIT);
        DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata.get(), ended.base());
        assertDecodesExactly(decoded, ended);
    }

    /** Checks every ended offset and both neighbours of each, which pins every run boundary. */
    private static void assertDecodesExactly(DecodedOffsets decoded, Ended ended) {
        long[] offsets = ended.offsets();
        if (offsets.length == 0) {
            assertThat(decoded.status()).as("status for %s", ended).isEqualTo(Status.EMPTY);
            return;
        }
        assertThat(decoded.status()).as("status for %s: %s", ended, decoded).isEqualTo(Status.OURS);
        assertThat(decoded.endedCount()).as("endedCount for %s", ended).isEqualTo(offsets.length);
        assertThat(decoded.contains(ended.base())).as("contains the base of %s", ended).isFalse();
        for (int i = 0; i < offsets.length; i++) {
            long offset = offsets[i];
            assertThat(decoded.contains(offset)).as("contains %d of %s", offset, ended).isTrue();
            boolean previousEnded = i > 0 && offsets[i - 1] == offset - 1;
            boolean nextEnded = i + 1 < offsets.length && offsets[i + 1] == offset + 1;
            assertThat(decoded.contains(offset - 1)).as("contains %d of %s", offset - 1, ended).isEqualTo(previousEnded);
            assertThat(decoded.contains(offset + 1)).as("contains %d of %s", offset + 1, ended).isEqualTo(nextEnded);
        }
    }

    private static DecodedOffsets probe(String metadata, long committed) {
        DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata, committed);
        assertThat(decoded.status()).as("status of %s", quote(metadata)).isNotIn(Status.EMPTY, Status.FOREIGN);
        assertThat(decoded.detail()).isNotNull();
        for (long offset = committed - 2; offset < committed + 50; offset++) {
            decoded.contains(offset);
        }
        decoded.contains(Long.MAX_VALUE);
        decoded.contains(Long.MIN_VALUE);
        return decoded;
    }

    /** The string with its non-ASCII chars escaped, so a failure message shows exactly what was read. */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.chars().limit(300).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return out.append(s.length() > 300 ? "\"..." : "\"").toString();
    }
}
