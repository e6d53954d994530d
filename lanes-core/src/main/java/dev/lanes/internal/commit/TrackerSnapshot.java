package dev.lanes.internal.commit;

import dev.lanes.internal.offsets.OffsetTracker;

/**
 * What a commit of one partition would say, in three numbers: the committable offset, how many
 * offsets above it ended, and the highest offset tracked. Offsets only get tracked in increasing
 * order and records only ever end, so two equal snapshots mean the same commit and the same
 * metadata: a commit can be skipped without encoding anything.
 */
record TrackerSnapshot(long committableOffset, int endedAbove, long lastTracked) {

    static TrackerSnapshot of(OffsetTracker tracker) {
        return new TrackerSnapshot(tracker.committableOffset(), tracker.endedAboveCommittableCount(),
                tracker.lastTrackedOffset());
    }
}
