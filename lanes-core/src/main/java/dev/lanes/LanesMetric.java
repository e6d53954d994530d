package dev.lanes;

/**
 * Every metric a {@link LanesConsumer} keeps about itself, declared once: its name, kind, unit and
 * description. {@link LanesStats} is a snapshot of all of them, docs/METRICS.md is rendered from
 * this list (a test fails when it is stale), and a Micrometer binding will register one meter per
 * constant under its {@link #metricName()}.
 */
public enum LanesMetric {
    POLLED_RECORDS("lanes.records.polled", Kind.COUNTER, "records", "Records taken from the Kafka consumer;"
            + " records returned to the log are counted again when fetched again."),
    ENDED_RECORDS("lanes.records.ended", Kind.COUNTER, "records", "Records whose handler ended well."),
    FAILED_ATTEMPTS("lanes.attempts.failed", Kind.COUNTER, "attempts", "Handler invocations that failed (and"
            + " records that could not be deserialized); each is retried or given up by the retry policy."),
    DEAD_LETTERED_RECORDS("lanes.records.dead.lettered", Kind.COUNTER, "records", "Records given up and written"
            + " to the dead-letter topic (counted once the write is acknowledged)."),
    SKIPPED_RECORDS("lanes.records.skipped", Kind.COUNTER, "records", "Records given up and skipped by the"
            + " retry policy (retry.onExhausted SKIP, or the failure handler's choice)."),
    ALREADY_ENDED_RECORDS("lanes.records.already.ended", Kind.COUNTER, "records", "Records not handled because a"
            + " previous owner of their partition had already ended them (named in its commit metadata)."),
    DEAD_LETTER_WRITE_FAILURES("lanes.dead.letter.writes.failed", Kind.COUNTER, "writes", "Dead-letter writes"
            + " that failed; each is made again later, and its record is not committed past meanwhile."),
    FLOOD_GUARD_TRIPS("lanes.flood.guard.trips", Kind.COUNTER, "trips", "Times most first attempts failed and the"
            + " flood guard began holding records back from being skipped or dead-lettered."),
    HANDLER_TIMEOUTS("lanes.handler.timeouts", Kind.COUNTER, "invocations", "Invocations still running after"
            + " handlerTimeout, counted as failed attempts."),
    RETURNED_RECORDS("lanes.records.returned", Kind.COUNTER, "records", "Records polled beyond their"
            + " partition's share while the handler was slow (PARTITION order), left in the log and fetched"
            + " again later."),
    ABANDONED_RECORDS("lanes.records.abandoned", Kind.COUNTER, "records", "Records still running when a"
            + " revocation's wait (revokeTimeout) ended, left uncommitted for the partition's next owner."),
    COMMITS("lanes.commits", Kind.COUNTER, "commits", "Commits the broker acknowledged."),
    COMMIT_FAILURES("lanes.commits.failed", Kind.COUNTER, "commits", "Commits that failed; made again later."),
    METADATA_OVERFLOWS("lanes.commits.metadata.overflows", Kind.COUNTER, "commits", "Commits made without"
            + " metadata because the ended offsets did not fit (offsetMetadataMaxChars)."),
    METADATA_REJECTIONS("lanes.commits.metadata.rejected", Kind.COUNTER, "commits", "Commits the broker refused"
            + " because their metadata was longer than its offset.metadata.max.bytes; each is made again at once"
            + " without metadata, and the metadata budget is lowered."),
    UNUSABLE_METADATA("lanes.metadata.unusable", Kind.COUNTER, "partitions", "Assigned partitions whose"
            + " committed metadata could not be used; records above their committed offset are handled again."),
    REVOCATIONS("lanes.revocations", Kind.COUNTER, "revocations", "Rebalances that took partitions away from"
            + " this instance."),
    OFFSET_RESETS("lanes.offset.resets", Kind.COUNTER, "resets", "Times a partition's offsets went back (a log"
            + " truncated after an unclean leader election, a topic created again) and its state restarted."),
    BUFFERED_RECORDS("lanes.records.buffered", Kind.GAUGE, "records", "Records polled and not yet ended."),
    PEAK_BUFFERED_RECORDS("lanes.records.buffered.peak", Kind.GAUGE, "records", "The most records buffered at"
            + " once since the consumer started (bounded by maxBufferedRecords)."),
    RUNNING_BATCHES("lanes.batches.running", Kind.GAUGE, "batches", "Hand-offs to workers not yet back; each"
            + " runs its records one at a time."),
    ASSIGNED_PARTITIONS("lanes.partitions.assigned", Kind.GAUGE, "partitions", "Partitions this instance owns."),
    STUCK_WORKERS("lanes.workers.stuck", Kind.GAUGE, "threads", "Handler threads that timed out, were"
            + " interrupted and still have not returned; they no longer count against the concurrency limit.");

    /** A counter only grows; a gauge is a value at the time it is read. */
    public enum Kind { COUNTER, GAUGE }

    private final String metricName;
    private final Kind kind;
    private final String unit;
    private final String description;

    LanesMetric(String metricName, Kind kind, String unit, String description) {
        this.metricName = metricName;
        this.kind = kind;
        this.unit = unit;
        this.description = description;
    }

    /** The dotted name, e.g. {@code lanes.records.polled}, as a Micrometer meter would be named. */
    public String metricName() { return metricName; }

    public Kind kind() { return kind; }

    /** What one unit counts, plural: {@code records}, {@code commits}, {@code partitions} … */
    public String unit() { return unit; }

    /** One or two sentences: what is counted. */
    public String description() { return description; }
}
