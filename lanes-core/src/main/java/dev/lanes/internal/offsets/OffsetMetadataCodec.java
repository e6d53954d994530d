package dev.lanes.internal.offsets;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Optional;

/**
 * Writes into a commit's metadata string which offsets above the committed one have already
 * ended, and reads it back when a partition is assigned, so a new owner skips them (minimal
 * replay, DESIGN.md guarantee 5). Stateless and pure; the engine calls it on the poller thread.
 *
 * <h2>Format, version 1 (a compatibility contract: any other Lanes version may read it)</h2>
 *
 * <pre>
 * metadata = "lanes:" base64url-without-padding(bytes)
 * bytes    = version:u8 (= 1)  kind:u8  base:varint  payload
 * kind     = 0x01 BITSET | 0x02 RUN_LENGTH | 0x11 BITSET_DEFLATE | 0x12 RUN_LENGTH_DEFLATE
 * varint   = unsigned LEB128, at most 9 bytes (a non-negative long)
 * </pre>
 *
 * <ul>
 *   <li>{@code base} is the committed offset the metadata was written with. A reader whose
 *       committed offset differs (e.g. after an offset reset) ignores the metadata as STALE,
 *       because the ended offsets were relative to a position that no longer holds.
 *   <li>BITSET: bit {@code i}, least significant first within each byte, set when offset
 *       {@code base + 1 + i} ended (see {@link BitsetPayload}).
 *   <li>RUN_LENGTH: varints alternating runs not ended / ended, from {@code base + 1}, starting
 *       with a (possibly empty) not-ended run (see {@link RunLengthPayload}).
 *   <li>Kind bit 0x10: the payload is raw DEFLATE (RFC 1951, no zlib wrapper). Writers never
 *       compress a payload above {@link #MAX_INFLATED_BYTES}, and readers reject streams that
 *       inflate beyond it, so a small string cannot make a reader allocate without bound.
 *   <li>No ended offsets: the metadata is the empty string, as if nothing was written.
 * </ul>
 *
 * <p>The writer tries every kind and keeps the shortest string, earlier kinds in the list above
 * winning ties. The prefix has no version in it on purpose: a reader meeting a future version sees
 * its own prefix and reports GARBLED ("unsupported version") instead of FOREIGN.
 */
public final class OffsetMetadataCodec {

    /**
     * Kafka's default {@code offset.metadata.max.bytes}. Brokers compare the metadata's
     * {@code String.length()} with it; our metadata is ASCII, so characters and bytes agree.
     */
    public static final int KAFKA_DEFAULT_MAX_METADATA_CHARS = 4096;

    /** Marks metadata written by Lanes. */
    public static final String PREFIX = "lanes:";

    static final int VERSION = 1;

    /** Bound on an inflated payload; part of the format contract (see class comment). */
    static final int MAX_INFLATED_BYTES = 64 * 1024;

    private static final int DEFLATED = 0x10;
    private static final int FOREIGN_EXCERPT_CHARS = 40;

    /** How the ended offsets are laid out in the payload. */
    public enum Kind {
        BITSET(0x01),
        RUN_LENGTH(0x02),
        BITSET_DEFLATE(0x01 | DEFLATED),
        RUN_LENGTH_DEFLATE(0x02 | DEFLATED);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        int code() {
            return code;
        }

        boolean deflated() {
            return (code & DEFLATED) != 0;
        }

        boolean bitset() {
            return (code & ~DEFLATED) == BITSET.code;
        }

        static Kind of(int code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            return null;
        }
    }

    private OffsetMetadataCodec() {
    }

    /**
     * The tracker's ended offsets above its committable offset, for a commit of that offset.
     *
     * @see #encode(long, long[], int)
     */
    public static Optional<String> encode(OffsetTracker tracker, int maxChars) {
        return encode(tracker.committableOffset(), tracker.endedAboveCommittable(), maxChars);
    }

    /**
     * The shortest metadata listing these ended offsets.
     *
     * @param committedOffset the offset being committed (the lowest offset not ended)
     * @param endedAscending ended offsets, strictly increasing, all above {@code committedOffset}
     * @param maxChars the broker's metadata limit, usually {@link #KAFKA_DEFAULT_MAX_METADATA_CHARS}
     * @return the metadata, never longer than {@code maxChars}; {@code Optional.of("")} when no
     *     offset ended above the committed one; empty when even the shortest encoding does not fit
     *     (commit without metadata: the next owner then replays those offsets)
     * @throws IllegalArgumentException on a negative offset or limit, or offsets out of order
     */
    public static Optional<String> encode(long committedOffset, long[] endedAscending, int maxChars) {
        return encode(committedOffset, EndedRuns.ofAscending(endedAscending), maxChars);
    }

    /**
     * The shortest metadata listing these ended offsets, given as runs: a run of a million offsets
     * costs a few bytes in the RUN_LENGTH kind, and is never expanded offset by offset.
     *
     * @see #encode(long, long[], int)
     */
    public static Optional<String> encode(long committedOffset, EndedRuns ended, int maxChars) {
        validate(committedOffset, ended, maxChars);
        if (ended.isEmpty()) {
            return Optional.of("");
        }
        byte[][] raw = new byte[2][];
        raw[1] = RunLengthPayload.encode(committedOffset, ended);
        // A bitset larger than the run-length payload can only win once compressed, and is only
        // compressed up to MAX_INFLATED_BYTES: beyond both, do not allocate it (a sparse window
        // can span billions of offsets). This keeps the choice independent of maxChars.
        if (BitsetPayload.size(committedOffset, ended) <= Math.max(raw[1].length, MAX_INFLATED_BYTES)) {
            raw[0] = BitsetPayload.encode(committedOffset, ended);
        }
        Kind bestKind = null;
        byte[] bestPayload = null;
        Kind[] plain = {Kind.BITSET, Kind.RUN_LENGTH};
        Kind[] deflated = {Kind.BITSET_DEFLATE, Kind.RUN_LENGTH_DEFLATE};
        for (int i = 0; i < 2; i++) {
            if (raw[i] != null && (bestPayload == null || raw[i].length < bestPayload.length)) {
                bestKind = plain[i];
                bestPayload = raw[i];
            }
        }
        for (int i = 0; i < 2; i++) {
            if (raw[i] != null && raw[i].length <= MAX_INFLATED_BYTES) {
                byte[] compressed = Deflate.deflate(raw[i]);
                if (compressed.length < bestPayload.length) {
                    bestKind = deflated[i];
                    bestPayload = compressed;
                }
            }
        }
        int headerBytes = 2 + Varint.size(committedOffset);
        long length = encodedLength(headerBytes + (long) bestPayload.length);
        if (length > maxChars) {
            return Optional.empty();
        }
        return Optional.of(render(committedOffset, bestKind, bestPayload));
    }

    /**
     * Reads metadata found with the committed offset at assignment. Never throws: anything but
     * {@link DecodedOffsets.Status#OURS} means "nothing known to have ended".
     *
     * @param metadata as returned with the committed offset; may be null
     * @param committedOffset the committed offset it came with
     */
    public static DecodedOffsets decode(String metadata, long committedOffset) {
        if (metadata == null || metadata.isEmpty()) {
            return DecodedOffsets.empty();
        }
        if (!metadata.startsWith(PREFIX)) {
            return DecodedOffsets.unusable(DecodedOffsets.Status.FOREIGN,
                    "metadata not written by Lanes (no \"" + PREFIX + "\" prefix): " + excerpt(metadata));
        }
        try {
            return decodeOurs(metadata, committedOffset);
        } catch (GarbledMetadataException e) {
            return DecodedOffsets.unusable(DecodedOffsets.Status.GARBLED, "unreadable Lanes metadata: " + e.getMessage());
        } catch (RuntimeException e) {
            // Not expected; but metadata is input from another process and must never fail an assignment.
            return DecodedOffsets.unusable(DecodedOffsets.Status.GARBLED, "unreadable Lanes metadata: " + e);
        }
    }

    private static DecodedOffsets decodeOurs(String metadata, long committedOffset) throws GarbledMetadataException {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(metadata.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new GarbledMetadataException("not URL-safe Base64 (" + e.getMessage() + ")");
        }
        ByteCursor in = new ByteCursor(bytes);
        int version = in.readUnsignedByte("version");
        if (version != VERSION) {
            throw new GarbledMetadataException("unsupported version " + version + " (this Lanes reads " + VERSION + ")");
        }
        int code = in.readUnsignedByte("kind");
        Kind kind = Kind.of(code);
        if (kind == null) {
            throw new GarbledMetadataException("unknown kind 0x" + Integer.toHexString(code));
        }
        long base = in.readVarint("base offset");
        if (base == Long.MAX_VALUE) {
            throw new GarbledMetadataException("base offset " + base + " leaves no room for ended offsets");
        }
        if (base != committedOffset) {
            return DecodedOffsets.unusable(DecodedOffsets.Status.STALE, "metadata written for committed offset "
                    + base + ", but the committed offset is " + committedOffset);
        }
        byte[] payload = in.remaining();
        if (kind.deflated()) {
            payload = Deflate.inflate(payload, MAX_INFLATED_BYTES);
        }
        EndedRuns ended = kind.bitset()
                ? BitsetPayload.decode(base, payload)
                : RunLengthPayload.decode(base, new ByteCursor(payload));
        return DecodedOffsets.ours(ended, kind);
    }

    private static void validate(long committedOffset, EndedRuns ended, int maxChars) {
        if (committedOffset < 0) {
            throw new IllegalArgumentException("committedOffset must be >= 0, was " + committedOffset);
        }
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must be >= 0, was " + maxChars);
        }
        if (!ended.isEmpty() && ended.lowest() <= committedOffset) {
            throw new IllegalArgumentException("ended offsets must lie above the committed offset "
                    + committedOffset + "; found " + ended.lowest());
        }
    }

    /** Characters of the metadata for this many binary bytes: prefix + unpadded Base64. */
    private static long encodedLength(long bytes) {
        return PREFIX.length() + (bytes * 4 + 2) / 3;
    }

    private static String render(long base, Kind kind, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 12);
        out.write(VERSION);
        out.write(kind.code());
        Varint.write(out, base);
        out.write(payload, 0, payload.length);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    private static String excerpt(String metadata) {
        return metadata.length() <= FOREIGN_EXCERPT_CHARS
                ? '"' + metadata + '"'
                : '"' + metadata.substring(0, FOREIGN_EXCERPT_CHARS) + "\"... (" + metadata.length() + " chars)";
    }
}
