package dev.lanes.internal.limit;

/** {@code maxConcurrency} batches out at most, whatever happens: the limit users set. */
public final class FixedConcurrencyLimit implements ConcurrencyLimit {
    private final int limit;

    public FixedConcurrencyLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    @Override
    public int available(int inFlight, long nowNanos) {
        return Math.max(0, limit - inFlight);
    }

    @Override
    public void ended(long elapsedNanos, int records, boolean failed, long nowNanos) {
        // A fixed limit learns nothing.
    }

    @Override
    public int limit() {
        return limit;
    }
}
