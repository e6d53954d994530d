package dev.lanes.internal.poll;

/**
 * Whether this instance still owns a partition's state, and may start its records. Written only
 * by {@link PartitionLifecycle} on the poller thread; {@link #isRevoked()} is read by workers too.
 */
public final class Ownership {
    private volatile boolean revoked;
    /** True while records of this partition's previous state on this instance are still running. */
    private boolean blocked;

    /** Any thread: whether the partition is being given up. */
    public boolean isRevoked() {
        return revoked;
    }

    /** Poller thread: whether its lanes must wait for an earlier state's records to come back. */
    public boolean isBlocked() {
        return blocked;
    }

    void markRevoked() {
        revoked = true;
    }

    void block() {
        blocked = true;
    }

    void unblock() {
        blocked = false;
    }
}
