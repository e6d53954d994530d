package dev.lanes.internal.offsets;

import java.util.function.LongConsumer;

/**
 * Which polled offsets of one partition have ended, and how far the partition may be committed.
 *
 * <p>One instance per assigned partition. <b>Confined to the poller thread</b>: it has no locks,
 * never blocks and never reads a clock; workers report completions through the engine's queue and
 * the poller calls {@link #markEnded} here.
 *
 * <p>Why a ring of sequence numbers: {@link #track} is called for every polled record and
 * {@link #markEnded} for every finished one, so both must be O(1) without boxing. Each tracked
 * record gets a handle (a sequence number increasing by one per record, independent of offset gaps
 * left by compaction or transaction markers), and lives at ring index {@code handle & mask}. Ended
 * records at the head are dropped as soon as they end, so the head slot is always the lowest
 * offset not yet ended, which makes {@link #committableOffset} O(1) and memory proportional to the
 * records not yet committable (the ring also shrinks again after a burst).
 *
 * <p>Invariant: the retained window {@code [headHandle, nextHandle)} is either empty or starts
 * with a record that has not ended; every ended record in it lies above the committable offset.
 */
public final class OffsetTracker {

    static final int DEFAULT_INITIAL_CAPACITY = 1024;
    private static final int MAX_CAPACITY = 1 << 30;

    private final long startOffset;
    private final int minCapacity;
    private long[] offsets;
    private boolean[] ended;
    private int mask;
    /** Handle of the oldest retained record (never an ended one, if any are retained). */
    private long headHandle;
    /** Handle the next tracked record will get. */
    private long nextHandle;
    private long lastTrackedOffset;
    private int pending;

    /**
     * @param startOffset the offset records will be delivered from: the committed offset at
     *     assignment. It is the committable offset until a record is tracked.
     */
    public OffsetTracker(long startOffset) {
        this(startOffset, DEFAULT_INITIAL_CAPACITY);
    }

    OffsetTracker(long startOffset, int initialCapacity) {
        if (startOffset < 0) {
            throw new IllegalArgumentException("startOffset must be >= 0, was " + startOffset);
        }
        if (initialCapacity < 1 || initialCapacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "initialCapacity must be in [1, " + MAX_CAPACITY + "], was " + initialCapacity);
        }
        int capacity = Integer.highestOneBit(initialCapacity);
        this.startOffset = startOffset;
        this.minCapacity = capacity < initialCapacity ? capacity << 1 : capacity;
        this.offsets = new long[minCapacity];
        this.ended = new boolean[minCapacity];
        this.mask = minCapacity - 1;
        this.lastTrackedOffset = startOffset - 1;
    }

    /**
     * Registers a polled record.
     *
     * @param offset above every offset tracked so far and at least the start offset; gaps are fine
     * @return the handle to pass to {@link #markEnded}
     * @throws IllegalArgumentException if the offset does not increase: the engine must not feed
     *     a record twice or out of order (after a seek, build a new tracker)
     */
    public long track(long offset) {
        if (offset <= lastTrackedOffset || offset == Long.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " must be above the last tracked one ("
                    + lastTrackedOffset + ") and below Long.MAX_VALUE; start offset " + startOffset);
        }
        if (nextHandle - headHandle == offsets.length) {
            resize(offsets.length << 1);
        }
        int index = (int) nextHandle & mask;
        offsets[index] = offset;
        ended[index] = false;
        lastTrackedOffset = offset;
        pending++;
        return nextHandle++;
    }

    /**
     * Ends the record with this handle. Calling it again for the same handle does nothing, so a
     * duplicate completion (e.g. a late report after a retry) is harmless.
     *
     * @throws IllegalArgumentException if no record ever got this handle
     */
    public void markEnded(long handle) {
        if (handle < headHandle) {
            return; // ended earlier and already dropped
        }
        if (handle >= nextHandle) {
            throw new IllegalArgumentException("unknown handle " + handle + "; next handle is " + nextHandle);
        }
        int index = (int) handle & mask;
        if (ended[index]) {
            return;
        }
        ended[index] = true;
        pending--;
        if (handle == headHandle) {
            dropEndedHead();
        }
    }

    /**
     * The offset to commit: the lowest tracked offset not yet ended; if all tracked offsets have
     * ended, the highest one + 1; if none were tracked, the start offset. Committing it never
     * passes a record that has not ended.
     */
    public long committableOffset() {
        if (headHandle == nextHandle) {
            return lastTrackedOffset + 1;
        }
        return offsets[(int) headHandle & mask];
    }

    /** The highest offset tracked so far, or the start offset - 1 when none was. */
    public long lastTrackedOffset() {
        return lastTrackedOffset;
    }

    /** Offsets held from the committable one up (not ended, or ended above it): the tracker's memory. */
    public int trackedWindow() {
        return (int) (nextHandle - headHandle);
    }

    /** Tracked records that have not ended. */
    public int pendingCount() {
        return pending;
    }

    /** Ended records above the committable offset: those a commit's metadata should list. */
    public int endedAboveCommittableCount() {
        return (int) (nextHandle - headHandle) - pending;
    }

    /** Visits the ended offsets above the committable offset, in increasing order. */
    public void forEachEndedAboveCommittable(LongConsumer action) {
        for (long h = headHandle; h < nextHandle; h++) {
            int index = (int) h & mask;
            if (ended[index]) {
                action.accept(offsets[index]);
            }
        }
    }

    /** The ended offsets above the committable offset, increasing: the input of the codec. */
    public long[] endedAboveCommittable() {
        long[] result = new long[endedAboveCommittableCount()];
        int n = 0;
        for (long h = headHandle; h < nextHandle; h++) {
            int index = (int) h & mask;
            if (ended[index]) {
                result[n++] = offsets[index];
            }
        }
        return result;
    }

    /** The size of the ring, for tests of growth and shrinking. */
    int capacity() {
        return offsets.length;
    }

    private void dropEndedHead() {
        do {
            headHandle++;
        } while (headHandle < nextHandle && ended[(int) headHandle & mask]);
        // Shrink at a quarter full, to half full at most, so a size hovering around a boundary
        // does not copy the ring on every track/end pair.
        int size = (int) (nextHandle - headHandle);
        if (offsets.length > minCapacity && size <= offsets.length >>> 2) {
            int target = Math.max(minCapacity, Integer.highestOneBit(Math.max(1, size)) << 2);
            if (target < offsets.length) {
                resize(target);
            }
        }
    }

    private void resize(int newCapacity) {
        if (newCapacity > MAX_CAPACITY || newCapacity <= 0) {
            throw new IllegalStateException("more than " + MAX_CAPACITY
                    + " records of one partition are not committable yet; bound the records in flight");
        }
        long[] newOffsets = new long[newCapacity];
        boolean[] newEnded = new boolean[newCapacity];
        int newMask = newCapacity - 1;
        for (long h = headHandle; h < nextHandle; h++) {
            int from = (int) h & mask;
            int to = (int) h & newMask;
            newOffsets[to] = offsets[from];
            newEnded[to] = ended[from];
        }
        offsets = newOffsets;
        ended = newEnded;
        mask = newMask;
    }
}
