package dev.lanes.internal.commit;

/**
 * What was last committed for one partition: the acknowledged offset and metadata, and the tracker
 * as of the last commit sent and the last one acknowledged. Written only by the
 * {@link CommitManager}, on the poller thread (Kafka runs commit callbacks inside poll).
 */
public final class CommitRecord {
    /** Last commit the broker acknowledged: {@code committedOffset < 0} when none. */
    private long committedOffset = -1;
    private String committedMetadata = "";
    private TrackerSnapshot sentSnapshot;
    private TrackerSnapshot acknowledgedSnapshot;

    public long committedOffset() {
        return committedOffset;
    }

    public String committedMetadata() {
        return committedMetadata;
    }

    TrackerSnapshot sentSnapshot() {
        return sentSnapshot;
    }

    TrackerSnapshot acknowledgedSnapshot() {
        return acknowledgedSnapshot;
    }

    void sent(TrackerSnapshot snapshot) {
        sentSnapshot = snapshot;
    }

    void acknowledged(TrackerSnapshot snapshot) {
        acknowledgedSnapshot = snapshot;
    }

    void committed(long offset, String metadata) {
        committedOffset = offset;
        committedMetadata = metadata;
    }
}
