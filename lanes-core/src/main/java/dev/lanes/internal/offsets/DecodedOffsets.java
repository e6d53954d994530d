package dev.lanes.internal.offsets;

import java.util.Optional;

/**
 * What the commit metadata found at assignment says about offsets above the committed one.
 * Immutable. Only {@link Status#OURS} carries ended offsets; every other status means "nothing
 * known to have ended", and {@link #warrantsWarning()} tells the engine when to log {@link #detail()}.
 */
public final class DecodedOffsets {

    /** Where the metadata came from, and whether it could be used. */
    public enum Status {
        /** No metadata (null or empty): a first commit, or a commit that did not fit the limit. */
        EMPTY,
        /** Ours, written for this committed offset: {@link #contains} is meaningful. */
        OURS,
        /** Without our prefix: written by another library, Kafka Streams or a person. */
        FOREIGN,
        /** With our prefix but unreadable: corrupt, an unknown version, or inflating too far. */
        GARBLED,
        /** Ours, but written for another committed offset (e.g. the offset was reset since). */
        STALE
    }

    private static final DecodedOffsets EMPTY = new DecodedOffsets(Status.EMPTY, EndedRuns.NONE, null, "no metadata");

    private final Status status;
    private final EndedRuns ended;
    private final OffsetMetadataCodec.Kind kind;
    private final String detail;

    private DecodedOffsets(Status status, EndedRuns ended, OffsetMetadataCodec.Kind kind, String detail) {
        this.status = status;
        this.ended = ended;
        this.kind = kind;
        this.detail = detail;
    }

    static DecodedOffsets empty() {
        return EMPTY;
    }

    static DecodedOffsets ours(EndedRuns ended, OffsetMetadataCodec.Kind kind) {
        return new DecodedOffsets(Status.OURS, ended, kind, ended.count() + " ended offsets, " + kind);
    }

    static DecodedOffsets unusable(Status status, String detail) {
        return new DecodedOffsets(status, EndedRuns.NONE, null, detail);
    }

    public Status status() {
        return status;
    }

    /** True if this offset, above the committed one, already ended under a previous owner. */
    public boolean contains(long offset) {
        return ended.contains(offset);
    }

    /** The highest ended offset, or -1 when there is none. */
    public long highest() {
        return ended.highest();
    }

    /** The ended offsets above {@code offset}, for carrying them into the next commit. */
    public EndedRuns endedAbove(long offset) {
        return ended.above(offset);
    }

    /** How many offsets are known to have ended; 0 unless {@link Status#OURS}. */
    public long endedCount() {
        return ended.count();
    }

    /**
     * How many offsets known to have ended lie below {@code endExclusive} (all of them lie above
     * the committed offset): what an outside reader subtracts from Kafka's lag, which ends at the
     * log's end offset; 0 unless {@link Status#OURS}.
     */
    public long endedCountBelow(long endExclusive) {
        return ended.countBelow(endExclusive);
    }

    /** The encoding that was read; present only for {@link Status#OURS}. */
    public Optional<OffsetMetadataCodec.Kind> kind() {
        return Optional.ofNullable(kind);
    }

    /** True for FOREIGN, GARBLED and STALE: metadata was there but cannot be used. */
    public boolean warrantsWarning() {
        return status == Status.FOREIGN || status == Status.GARBLED || status == Status.STALE;
    }

    /** One sentence for the log: what was found, or why it cannot be used. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return "DecodedOffsets[" + status + ": " + detail + "]";
    }
}
