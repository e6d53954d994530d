package dev.lanes.internal.schedule;

/**
 * How many of a partition's records wait in its lanes and how many are handed to workers (or
 * failed and waiting for a retry, still holding their lane). Written only by the
 * {@link Scheduler}, on the poller thread.
 */
public final class PartitionLoad {
    private int queued;
    private int running;

    public int queued() {
        return queued;
    }

    public int running() {
        return running;
    }

    void queuedDelta(int delta) {
        queued += delta;
    }

    void runningDelta(int delta) {
        running += delta;
    }
}
