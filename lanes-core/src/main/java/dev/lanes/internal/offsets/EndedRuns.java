package dev.lanes.internal.offsets;

import java.util.Arrays;

/**
 * A set of ended offsets kept as sorted, disjoint runs rather than one entry per offset, so a
 * run-length payload of a few bytes claiming a billion ended offsets costs two longs, not a
 * billion, and carrying a previous owner's ended offsets into the next commit costs what their
 * runs cost. {@code bounds[2i]} is the first offset of run i, {@code bounds[2i+1]} one past its
 * last. Immutable.
 */
public final class EndedRuns {

    public static final EndedRuns NONE = new EndedRuns(new long[0], 0);

    private final long[] bounds;
    private final long count;

    private EndedRuns(long[] bounds, long count) {
        this.bounds = bounds;
        this.count = count;
    }

    /**
     * The runs of these offsets.
     *
     * @throws IllegalArgumentException unless they increase strictly and stay below {@code Long.MAX_VALUE}
     *     (a run's exclusive end must be representable)
     */
    public static EndedRuns ofAscending(long[] offsets) {
        Builder runs = new Builder();
        long previous = Long.MIN_VALUE;
        for (long offset : offsets) {
            if (offset <= previous || offset == Long.MAX_VALUE) {
                throw new IllegalArgumentException("ended offsets must increase strictly and stay below "
                        + "Long.MAX_VALUE; found " + offset + " after " + previous);
            }
            runs.add(offset, offset + 1);
            previous = offset;
        }
        return runs.build();
    }

    public boolean contains(long offset) {
        int i = Arrays.binarySearch(bounds, offset);
        if (i >= 0) {
            return (i & 1) == 0; // on a run's first offset, or one past a run's last
        }
        int before = -i - 2;
        return before >= 0 && (before & 1) == 0;
    }

    /** How many offsets the runs hold. */
    public long count() {
        return count;
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    /** The lowest offset in the set, or -1 when it is empty. */
    public long lowest() {
        return bounds.length == 0 ? -1 : bounds[0];
    }

    /** How many offsets of the set lie below {@code endExclusive}; runs, so a huge claimed run costs nothing. */
    public long countBelow(long endExclusive) {
        long below = 0;
        for (int i = 0; i < bounds.length && bounds[i] < endExclusive; i += 2) {
            below += Math.min(bounds[i + 1], endExclusive) - bounds[i];
        }
        return below;
    }

    /** The highest offset in the set, or -1 when it is empty. */
    public long highest() {
        return bounds.length == 0 ? -1 : bounds[bounds.length - 1] - 1;
    }

    public int runCount() {
        return bounds.length >>> 1;
    }

    /** The first offset of run {@code i} (0 ≤ i < {@link #runCount()}), runs in increasing order. */
    public long runStart(int i) {
        return bounds[2 * i];
    }

    /** One past the last offset of run {@code i}. */
    public long runEnd(int i) {
        return bounds[2 * i + 1];
    }

    /** The offsets above {@code offset}. */
    public EndedRuns above(long offset) {
        if (offset < lowest()) {
            return this;
        }
        Builder runs = new Builder();
        for (int i = 0; i < bounds.length; i += 2) {
            runs.add(Math.max(bounds[i], offset + 1), bounds[i + 1]);
        }
        return runs.build();
    }

    /**
     * These offsets and then {@code higher}'s, all of which lie above this set's highest (as a
     * previous owner's offsets lie above those this owner has polled).
     *
     * @throws IllegalArgumentException when {@code higher} starts at or below this set's highest
     */
    public EndedRuns followedBy(EndedRuns higher) {
        if (higher.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return higher;
        }
        if (higher.lowest() <= highest()) {
            throw new IllegalArgumentException("runs from " + higher.lowest() + " do not follow runs up to " + highest());
        }
        Builder runs = new Builder();
        runs.addAll(this);
        runs.addAll(higher);
        return runs.build();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("EndedRuns[");
        for (int i = 0; i < bounds.length && i < 20; i += 2) {
            text.append(i == 0 ? "" : ", ").append(bounds[i]).append("..").append(bounds[i + 1] - 1);
        }
        return text.append(bounds.length > 20 ? ", ...]" : "]").toString();
    }

    /** Appends runs in increasing order, merging touching ones so lookups stay unambiguous. */
    static final class Builder {

        private long[] bounds = new long[16];
        private int size;
        private long count;

        /** Adds {@code [start, endExclusive)}; start must not be below the previous run's end. */
        void add(long start, long endExclusive) {
            if (endExclusive <= start) {
                return;
            }
            count += endExclusive - start;
            if (size > 0 && bounds[size - 1] == start) {
                bounds[size - 1] = endExclusive;
                return;
            }
            if (size + 2 > bounds.length) {
                bounds = Arrays.copyOf(bounds, bounds.length << 1);
            }
            bounds[size++] = start;
            bounds[size++] = endExclusive;
        }

        void addAll(EndedRuns runs) {
            for (int i = 0; i < runs.bounds.length; i += 2) {
                add(runs.bounds[i], runs.bounds[i + 1]);
            }
        }

        EndedRuns build() {
            return size == 0 ? NONE : new EndedRuns(Arrays.copyOf(bounds, size), count);
        }
    }
}
