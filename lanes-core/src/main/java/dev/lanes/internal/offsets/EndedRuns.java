package dev.lanes.internal.offsets;

import java.util.Arrays;

/**
 * A decoded set of ended offsets kept as sorted, disjoint runs rather than one entry per offset, so
 * a run-length payload of a few bytes claiming a billion ended offsets costs two longs, not a
 * billion. {@code bounds[2i]} is the first offset of run i, {@code bounds[2i+1]} one past its last.
 */
final class EndedRuns {

    static final EndedRuns NONE = new EndedRuns(new long[0], 0);

    private final long[] bounds;
    private final long count;

    private EndedRuns(long[] bounds, long count) {
        this.bounds = bounds;
        this.count = count;
    }

    boolean contains(long offset) {
        int i = Arrays.binarySearch(bounds, offset);
        if (i >= 0) {
            return (i & 1) == 0; // on a run's first offset, or one past a run's last
        }
        int before = -i - 2;
        return before >= 0 && (before & 1) == 0;
    }

    long count() {
        return count;
    }

    /** How many offsets of the set lie below {@code endExclusive}; runs, so a huge claimed run costs nothing. */
    long countBelow(long endExclusive) {
        long below = 0;
        for (int i = 0; i < bounds.length && bounds[i] < endExclusive; i += 2) {
            below += Math.min(bounds[i + 1], endExclusive) - bounds[i];
        }
        return below;
    }

    /** The highest offset in the set, or -1 when it is empty. */
    long highest() {
        return bounds.length == 0 ? -1 : bounds[bounds.length - 1] - 1;
    }

    /** The offsets above {@code offset}, increasing; -1 in place of the array when there are more than {@code max}. */
    long[] above(long offset, int max) {
        long total = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            total += Math.max(0, bounds[i + 1] - Math.max(bounds[i], offset + 1));
            if (total > max) {
                return null;
            }
        }
        long[] result = new long[(int) total];
        int n = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            for (long o = Math.max(bounds[i], offset + 1); o < bounds[i + 1]; o++) {
                result[n++] = o;
            }
        }
        return result;
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

        EndedRuns build() {
            return size == 0 ? NONE : new EndedRuns(Arrays.copyOf(bounds, size), count);
        }
    }
}
