package dev.lanes.internal.poll;

/**
 * What one partition holds of the buffer bounds, and whether it is paused. Written only by
 * {@link Backpressure}, on the poller thread.
 */
public final class BufferShare {
    /** Records polled and not ended, and their serialized bytes. */
    private int records;
    private long bytes;
    /** Whether the consumer has this partition paused (as far as Lanes asked it to). */
    private boolean paused;

    public int records() {
        return records;
    }

    public long bytes() {
        return bytes;
    }

    public boolean isPaused() {
        return paused;
    }

    void add(int recordBytes) {
        records++;
        bytes += recordBytes;
    }

    void remove(int recordBytes) {
        records--;
        bytes -= recordBytes;
    }

    void clear() {
        records = 0;
        bytes = 0;
    }

    void paused(boolean paused) {
        this.paused = paused;
    }
}
