package dev.lanes.internal.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.internal.offsets.DecodedOffsets.Status;
import dev.lanes.internal.offsets.OffsetMetadataCodec.Kind;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;

class OffsetMetadataCodecPropertyTest {

    private static final int LIMIT = OffsetMetadataCodec.KAFKA_DEFAULT_MAX_METADATA_CHARS;

    /** A committed offset and the ended offsets above it. */
    record Ended(long base, long[] offsets) {

        static Ended of(long base, List<Long> gaps) {
            long[] offsets = new long[gaps.size()];
            long offset = base;
            for (int i = 0; i < offsets.length; i++) {
                offset += gaps.get(i);
                offsets[i] = offset;
            }
            return new Ended(base, offsets);
        }

        @Override
        public String toString() {
            String head = Arrays.toString(Arrays.copyOf(offsets, Math.min(offsets.length, 20)));
            return "Ended[base=" + base + ", " + offsets.length + " offsets: " + head + "]";
        }
    }

    // (a) round trip

    @Property(tries = 300)
    void anyEndedSetRoundTrips(@ForAll("endedSets") Ended ended) {
        String metadata = OffsetMetadataCodec.encode(ended.base(), ended.offsets(), Integer.MAX_VALUE).orElseThrow();

        DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata, ended.base());

        assertDecodesExactly(decoded, ended);
        Statistics.label("kind").collect(decoded.kind().map(Kind::name).orElse("empty string"));
        Statistics.label("fits 4096").collect(metadata.length() <= LIMIT);
    }

    // (c) budget

    @Property(tries = 300)
    void neverExceedsTheBudgetAndFitsWheneverTheShortestEncodingDoes(
            @ForAll("endedSets") Ended ended, @ForAll @IntRange(min = 0, max = 6_000) int maxChars) {
        String shortest = OffsetMetadataCodec.encode(ended.base(), ended.offsets(), Integer.MAX_VALUE).orElseThrow();

        Optional<String> metadata = OffsetMetadataCodec.encode(ended.base(), ended.offsets(), maxChars);

        if (shortest.length() <= maxChars) {
            assertThat(metadata).contains(shortest);
        } else {
            assertThat(metadata).isEmpty();
        }
        Statistics.label("fits").collect(metadata.isPresent());
    }

    @Property(tries = 200)
    void tinyBudgetsAreRespected(@ForAll("endedSets") Ended ended, @ForAll @IntRange(min = 0, max = 24) int maxChars) {
        Optional<String> metadata = OffsetMetadataCodec.encode(ended.base(), ended.offsets(), maxChars);

        metadata.ifPresent(m -> assertThat(m.length()).isLessThanOrEqualTo(maxChars));
        metadata.ifPresent(m -> assertDecodesExactly(OffsetMetadataCodec.decode(m, ended.base()), ended));
    }

    // (d) decode never throws

    @Property(tries = 500)
    void decodesAnyStringWithoutThrowing(@ForAll String metadata, @ForAll @LongRange(min = -1) long committed) {
        DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata, committed);

        assertThat(decoded.status()).isNotEqualTo(Status.OURS);
        assertThat(decoded.detail()).isNotNull();
    }

    @Property(tries = 500)
    void decodesAnyStringWithOurPrefixWithoutThrowing(@ForAll String rest, @ForAll @LongRange(min = 0, max = 300) long committed) {
        probe(OffsetMetadataCodec.PREFIX + rest, committed);
    }

    @Property(tries = 500)
    void decodesAnyBytesWithOurPrefixWithoutThrowing(@ForAll byte[] bytes, @ForAll @LongRange(min = 0, max = 300) long committed) {
        probe(OffsetMetadataCodec.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), committed);
    }

    @Property(tries = 500)
    void decodesValidHeadersWithArbitraryPayloadsWithoutThrowing(
            @ForAll Kind kind, @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long base, @ForAll byte[] payload) {
        byte[] body = kind.deflated() ? Deflate.deflate(payload) : payload;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(OffsetMetadataCodec.VERSION);
        bytes.write(kind.code());
        Varint.write(bytes, base);
        bytes.write(body, 0, body.length);
        String metadata = OffsetMetadataCodec.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());

        DecodedOffsets decoded = probe(metadata, base);

        assertThat(decoded.status()).isIn(Status.OURS, Status.GARBLED);
        Statistics.collect(decoded.status());
    }

    // (e) realistic dense and sparse sets

    @Property(tries = 30)
    void tenThousandEndedInAWindowOfTwelveThousandFit(@ForAll long seed, @ForAll @LongRange(min = 0, max = 1L << 40) long base) {
        Ended ended = randomSubset(base, 12_000, 10_000, new Random(seed));

        assertFitsAndRoundTrips(ended);
    }

    @Property(tries = 30)
    void hundredEndedInAWindowOfAMillionFit(@ForAll long seed, @ForAll @LongRange(min = 0, max = 1L << 40) long base) {
        Ended ended = randomSubset(base, 1_000_000, 100, new Random(seed));

        assertFitsAndRoundTrips(ended);
    }

    @Property(tries = 10)
    void longRunsOfEndedOffsetsFit(@ForAll long seed) {
        // 200k ended offsets in 40 runs: typical of slow records holding back a fast partition.
        Random random = new Random(seed);
        long[] offsets = new long[200_000];
        long offset = 0;
        for (int i = 0; i < offsets.length; i++) {
            offset += i % 5_000 == 0 ? 1 + random.nextInt(1_000) : 1;
            offsets[i] = offset;
        }
        assertFitsAndRoundTrips(new Ended(0, offsets));
    }

    @Property(tries = 10)
    void randomHalfOfAHundredThousandDoesNotFitAndSaysSo(@ForAll long seed) {
        Ended ended = randomSubset(0, 100_000, 50_000, new Random(seed));

        assertThat(OffsetMetadataCodec.encode(ended.base(), ended.offsets(), LIMIT)).isEmpty();
    }

    @Provide
    Arbitrary<Ended> endedSets() {
        Arbitrary<Long> base = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(0, 1L << 40));
        Arbitrary<Long> gap = Arbitraries.frequencyOf(
                Tuple.of(60, Arbitraries.just(1L)),
                Tuple.of(20, Arbitraries.longs().between(2, 10)),
                Tuple.of(15, Arbitraries.longs().between(11, 10_000)),
                Tuple.of(5, Arbitraries.longs().between(10_001, 1_000_000_000L)));
        Arbitrary<List<Long>> gaps = Arbitraries.oneOf(gap.list().ofMaxSize(50), gap.list().ofMaxSize(3_000));
        return Combinators.combine(base, gaps).as(Ended::of);
    }

    private static Ended randomSubset(long base, int window, int count, Random random) {
        long[] chosen = random.ints(1, window + 1).distinct().limit(count).asLongStream().sorted().map(i -> base + i).toArray();
        return new Ended(base, chosen);
    }

    private static void assertFitsAndRoundTrips(Ended ended) {
        Optional<String> metadata = OffsetMetadataCodec.encode(ended.base(), ended.offsets(), LIMIT);

        assertThat(metadata).as("fits %d chars", LIMIT).isPresent();
        assertThat(metadata.get().length()).isLessThanOrEqualTo(LIMIT);
        DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata.get(), ended.base());
        assertDecodesExactly(decoded, ended);
        Statistics.label("kind").collect(decoded.kind().orElseThrow());
        Statistics.label("chars (rounded to 500)").collect(metadata.get().length() / 500 * 500);
    }

    /** Checks every ended offset and both neighbours of each, which pins every run boundary. */
    private static void assertDecodesExactly(DecodedOffsets decoded, Ended ended) {
        long[] offsets = ended.offsets();
        if (offsets.length == 0) {
            assertThat(decoded.status()).isEqualTo(Status.EMPTY);
            return;
        }
        assertThat(decoded.status()).isEqualTo(Status.OURS);
        assertThat(decoded.endedCount()).isEqualTo(offsets.length);
        assertThat(decoded.contains(ended.base())).isFalse();
        for (int i = 0; i < offsets.length; i++) {
            long offset = offsets[i];
            assertThat(decoded.contains(offset)).isTrue();
            boolean previousEnded = i > 0 && offsets[i - 1] == offset - 1;
            boolean nextEnded = i + 1 < offsets.length && offsets[i + 1] == offset + 1;
            assertThat(decoded.contains(offset - 1)).isEqualTo(previousEnded);
            assertThat(decoded.contains(offset + 1)).isEqualTo(nextEnded);
        }
    }

    private static DecodedOffsets probe(String metadata, long committed) {
        DecodedOffsets decoded = OffsetMetadataCodec.decode(metadata, committed);
        assertThat(decoded.status()).isNotIn(Status.EMPTY, Status.FOREIGN);
        assertThat(decoded.detail()).isNotNull();
        for (long offset = committed - 2; offset < committed + 50; offset++) {
            decoded.contains(offset);
        }
        decoded.contains(Long.MAX_VALUE);
        decoded.contains(Long.MIN_VALUE);
        return decoded;
    }
}
