package dev.lanes.internal.failure;

/**
 * Tells a downstream outage from poison records, so that an outage never sends good records to
 * the dead-letter topic (or skips them). It counts, per second over a sliding window, the records
 * tried for the first time and how many of those failed. When the failed share reaches the
 * threshold (with at least a minimum of failures, so that a few poison records never trip it),
 * the guard holds: records that the policy would give up are retried instead. It stays holding
 * until any record succeeds, and then starts counting afresh.
 *
 * <p>First attempts are what it counts, not every attempt: a poison record retried many times
 * would otherwise look like an outage on a quiet topic. Records that cannot be deserialized are
 * not counted at all (they fail whatever the downstream does).
 *
 * <p>Confined to the poller thread; a pure state machine, time comes in as an argument.
 */
final class FloodGuard {
    private static final long BUCKET_NANOS = 1_000_000_000L;

    private final double threshold;
    private final int minFailures;
    private final long[] bucketStart;
    private final int[] tried;
    private final int[] failed;
    private boolean holding;
    private long trips;

    /**
     * @param threshold the failed share of first attempts that trips it; 0 turns it off
     * @param windowNanos how far back it counts (whole seconds)
     */
    FloodGuard(double threshold, long windowNanos, int minFailures) {
        this.threshold = threshold;
        this.minFailures = minFailures;
        int buckets = (int) Math.max(1, windowNanos / BUCKET_NANOS);
        this.bucketStart = new long[buckets];
        this.tried = new int[buckets];
        this.failed = new int[buckets];
        java.util.Arrays.fill(bucketStart, Long.MIN_VALUE);
    }

    /** Records' first attempts ended well; counted in bulk, once per batch. */
    void firstAttemptsSucceeded(int count, long nowNanos) {
        if (threshold > 0 && count > 0) {
            tried[bucket(nowNanos)] += count;
        }
    }

    /** A record's first attempt ended, well or not. */
    void firstAttempt(boolean didFail, long nowNanos) {
        if (threshold <= 0) {
            return;
        }
        int bucket = bucket(nowNanos);
        tried[bucket]++;
        if (didFail) {
            failed[bucket]++;
        }
        if (!holding && tripped(nowNanos)) {
            holding = true;
            trips++;
        }
    }

    /** A record ended well: whatever was failing works again. */
    void succeeded() {
        if (holding) {
            holding = false;
            java.util.Arrays.fill(bucketStart, Long.MIN_VALUE);
        }
    }

    /** Whether records must not be given up now. */
    boolean isHolding() {
        return holding;
    }

    /** How many times it started holding. */
    long trips() {
        return trips;
    }

    private boolean tripped(long nowNanos) {
        long triedInWindow = 0;
        long failedInWindow = 0;
        for (int i = 0; i < bucketStart.length; i++) {
            if (live(i, nowNanos)) {
                triedInWindow += tried[i];
                failedInWindow += failed[i];
            }
        }
        return failedInWindow >= minFailures && failedInWindow >= threshold * triedInWindow;
    }

    private int bucket(long nowNanos) {
        long second = Math.floorDiv(nowNanos, BUCKET_NANOS);
        int bucket = (int) Math.floorMod(second, (long) bucketStart.length);
        if (bucketStart[bucket] != second) {
            bucketStart[bucket] = second;
            tried[bucket] = 0;
            failed[bucket] = 0;
        }
        return bucket;
    }

    private boolean live(int bucket, long nowNanos) {
        long second = Math.floorDiv(nowNanos, BUCKET_NANOS);
        return bucketStart[bucket] != Long.MIN_VALUE && second - bucketStart[bucket] < bucketStart.length;
    }
}
