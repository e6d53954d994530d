package dev.lanes.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which records a {@code lanes bench} or {@code lanes demo} handler saw: a bit per (partition,
 * offset), so a replayed record is not counted twice. Counts down {@link #done} when
 * {@code needed} distinct records were seen. Any thread (the handlers' workers), lock-free.
 */
public final class SeenRecords {
    private final AtomicLongArray[] bits;
    private final long needed;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong firstNanos = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long doneNanos;

    public SeenRecords(long[] endOffsets, long needed) {
        this.needed = needed;
        bits = new AtomicLongArray[endOffsets.length];
        for (int p = 0; p < endOffsets.length; p++) {
            bits[p] = new AtomicLongArray((int) ((endOffsets[p] + 63) / 64));
        }
    }

    /**
     * Notes a record as seen.
     *
     * @return how many distinct records were seen with this one, or 0 if it was seen before
     */
    public long add(int partition, long offset) {
        if (firstNanos.get() == 0) {
            firstNanos.compareAndSet(0, System.nanoTime());
        }
        AtomicLongArray words = bits[partition];
        int word = (int) (offset >>> 6);
        long bit = 1L << (offset & 63);
        long old;
        do {
            old = words.get(word);
            if ((old & bit) != 0) {
                return 0;
            }
        } while (!words.compareAndSet(word, old, old | bit));
        long seen = count.incrementAndGet();
        if (seen == needed) {
            doneNanos = System.nanoTime();
            done.countDown();
        }
        return seen;
    }

    /** Waits until {@code needed} records were seen; false on timeout. */
    public boolean await(long timeoutMillis) throws InterruptedException {
        return done.await(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public long count() {
        return count.get();
    }

    /** When the first record was seen, 0 if none was. */
    public long firstNanos() {
        return firstNanos.get();
    }

    /** When the last needed record was seen, 0 until then. */
    public long doneNanos() {
        return doneNanos;
    }
}
