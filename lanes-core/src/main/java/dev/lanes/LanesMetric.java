package dev.lanes;

import java.util.Map;

/**
 * Every metric a {@link LanesConsumer} keeps about itself, declared once: its name, fixed tags,
 * kind, unit and description. {@link LanesStats} is a snapshot of the counters and gauges,
 * {@link RecordObserver} is told what the timers measure, docs/METRICS.md is rendered from this list
 * (a test fails when it is stale), and the Micrometer binding ({@code lanes-micrometer}) registers
 * one meter per constant under its {@link #metricName()} and {@link #tags()}.
 *
 * <p>A meter is identified by its name and tags: the records ended by each outcome are three
 * constants ({@link #ENDED_RECORDS}, {@link #DEAD_LETTERED_RECORDS}, {@link #SKIPPED_RECORDS}) and
 * one meter, {@code lanes.records.ended}, with the tag {@code outcome} = {@code ok},
 * {@code dead-letter} or {@code skipped} ({@link RecordOutcome#tagValue()}).
 */
public enum LanesMetric {
    POLLED_RECORDS("lanes.records.polled", Kind.COUNTER, "records", "Records taken from the Kafka consumer;"
            + " records returned to the log are counted again when fetched again."),
    ENDED_RECORDS("lanes.records.ended", RecordOutcome.OK, "Records whose handler ended well."),
    FAILED_ATTEMPTS("lanes.attempts.failed", Kind.COUNTER, "attempts", "Handler invocations that failed (and"
            + " records that could not be deserialized); each is retried or given up by the retry policy."),
    DEAD_LETTERED_RECORDS("lanes.records.ended", RecordOutcome.DEAD_LETTER, "Records given up and written"
            + " to the dead-letter topic (counted once the write is acknowledged)."),
    SKIPPED_RECORDS("lanes.records.ended", RecordOutcome.SKIPPED, "Records given up and skipped by the"
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
            + " interrupted and still have not returned; they no longer count against the concurrency limit."),
    IN_FLIGHT_RECORDS("lanes.records.in.flight", Kind.GAUGE, "records", "Records handed to workers and not yet"
            + " back: running, or waiting behind another record of their batch."),
    BUFFERED_BYTES("lanes.records.buffered.bytes", Kind.GAUGE, "bytes", "Serialized key, value and header bytes"
            + " of the records polled and not yet ended (bounded by maxBufferedBytes)."),
    PAUSED_PARTITIONS("lanes.partitions.paused", Kind.GAUGE, "partitions", "Owned partitions not fetched now"
            + " because the buffer, or their share of it, is full."),
    CONCURRENCY_LIMIT("lanes.concurrency.limit", Kind.GAUGE, "invocations", "The most handler invocations"
            + " allowed at once now (maxConcurrency)."),
    BACKLOG("lanes.backlog", Kind.GAUGE, "records", "This instance's own view of what is left in its partitions:"
            + " end offset - committable offset - offsets above it that ended (Kafka's lag counts those too)."
            + " Measured about once a second. With per-partition tags on, one gauge per partition (tags topic"
            + " and partition) instead of the total."),
    HANDLER_DURATION("lanes.handler.duration", Kind.TIMER, "seconds", "How long each handler invocation ran,"
            + " failed ones and timed-out ones included (the deserialization of the record too)."),
    QUEUED_DURATION("lanes.records.queued.duration", Kind.TIMER, "seconds", "How long each ended record waited"
            + " from its poll to the start of its first attempt (for its lane, a free slot, or its batch)."),
    RECORD_LATENCY("lanes.records.latency", Kind.TIMER, "seconds", "From each ended record's timestamp (set by"
            + " its producer or by the broker) to its end; records without a timestamp are not measured.");

    /**
     * A counter only grows; a gauge is a value at the time it is read; a timer is a distribution of
     * durations, measured per record or invocation and told to a {@link RecordObserver}, never part
     * of {@link LanesStats}.
     */
    public enum Kind { COUNTER, GAUGE, TIMER }

    /** The tag of {@code lanes.records.ended} that says how a record ended. */
    public static final String OUTCOME_TAG = "outcome";

    private final String metricName;
    private final Map<String, String> tags;
    private final Kind kind;
    private final String unit;
    private final String description;

    LanesMetric(String metricName, Kind kind, String unit, String description) {
        this(metricName, Map.of(), kind, unit, description);
    }

    /** One outcome of {@code lanes.records.ended}. */
    LanesMetric(String metricName, RecordOutcome outcome, String description) {
        this(metricName, Map.of(OUTCOME_TAG, outcome.tagValue()), Kind.COUNTER, "records", description);
    }

    LanesMetric(String metricName, Map<String, String> tags, Kind kind, String unit, String description) {
        this.metricName = metricName;
        this.tags = tags;
        this.kind = kind;
        this.unit = unit;
        this.description = description;
    }

    /**
     * The dotted name, e.g. {@code lanes.records.polled}, as a Micrometer meter is named; with
     * {@link #tags()}, it names one meter.
     */
    public String metricName() { return metricName; }

    /** Fixed tags of this metric's meter (e.g. {@code outcome=ok}); empty for most. Unmodifiable. */
    public Map<String, String> tags() { return tags; }

    /** Whether {@link LanesStats} holds a value for it: counters and gauges do, timers do not. */
    public boolean inStats() { return kind != Kind.TIMER; }

    public Kind kind() { return kind; }

    /** What one unit counts, plural: {@code records}, {@code commits}, {@code partitions} … */
    public String unit() { return unit; }

    /** One or two sentences: what is counted. */
    public String description() { return description; }
}
