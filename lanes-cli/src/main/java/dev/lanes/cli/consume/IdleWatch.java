package dev.lanes.cli.consume;

import dev.lanes.LanesMetric;
import dev.lanes.LanesStats;

/**
 * {@code --exit-when-idle}: whether the consumer has been idle for the given time. Idle means it
 * owns partitions, polled no record and has none buffered (so none in flight), and no rebalance
 * touched it, for that long. An instance that owns nothing is waiting for the group (never
 * assigned yet, or between a revocation and its next assignment, e.g. while a crashed member's
 * session runs out): that never counts as idle, so a survivor does not exit in the middle of a
 * rebalance. Command thread only.
 *
 * <p>What the public API cannot tell: whether the group is rebalancing while this instance keeps
 * its partitions (a cooperative or KIP-848 rebalance that moves other members' partitions); the
 * only signals are this instance's assigned partitions and its revocations.
 */
final class IdleWatch {

    private final long idleNanos;
    private long lastPolled = -1;
    private long lastRevocations = -1;
    private int lastAssigned = -1;
    private long idleSince;

    IdleWatch(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    boolean idleFor(LanesStats stats, long nowNanos) {
        boolean changed = stats.polledRecords() != lastPolled || stats.get(LanesMetric.REVOCATIONS) != lastRevocations
                || stats.assignedPartitions() != lastAssigned;
        lastPolled = stats.polledRecords();
        lastRevocations = stats.get(LanesMetric.REVOCATIONS);
        lastAssigned = stats.assignedPartitions();
        if (changed || stats.assignedPartitions() == 0 || stats.bufferedRecords() > 0
                || stats.runningBatches() > 0) {
            idleSince = nowNanos;
            return false;
        }
        return nowNanos - idleSince >= idleNanos;
    }
}
