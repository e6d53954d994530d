package dev.lanes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link LanesConsumer} is doing now, for a health endpoint: its {@link State}, the oldest
 * record in flight, the records stuck in flight, the last acknowledged commit, and the hot keys.
 * Immutable; {@link LanesConsumer#health()} returns a new one at each call, cheaply and without
 * waiting for the poller.
 *
 * <p>The state is decided at the call. The rest comes from the poller's last look at its records
 * ({@link #sampledAt}): the poller takes one at most once a second while someone calls
 * {@code health()}, and every ten seconds otherwise, so a health check called every few seconds
 * sees figures at most about a second old. Each look visits a bounded number of records and lanes
 * ({@link #complete} says whether it saw them all).
 *
 * <p>A record is <b>in flight</b> from its first hand-off to a worker until it ends (succeeds, or
 * is skipped or dead-lettered), including its retries and the waits between them; its age counts
 * from that first hand-off. Records polled but not handed to a worker yet are <b>queued</b> in
 * their lane; they show in the hot keys.
 *
 * @param state what the consumer is doing, decided when {@code health()} was called
 * @param sampledAt when the poller took the figures below
 * @param heldRecords records polled and not ended (queued and in flight)
 * @param oldestInFlight the record in flight longest, if any
 * @param stuckCount how many records have been in flight at least
 *     {@link LanesOption#HEALTH_STUCK_AFTER} (all of them, not only those listed)
 * @param stuck the oldest of those, oldest first, at most {@link LanesOption#HEALTH_LIST_SIZE}
 * @param lastCommit when the broker last acknowledged a commit of this consumer, if ever
 * @param mostQueuedKeys the lanes holding the most queued records, most first
 * @param longestWaitingKeys the lanes whose first queued record has waited longest, longest first
 * @param rebalances how many times this consumer entered {@link State#REBALANCING}
 * @param complete whether the last look visited every record in flight and every lane
 */
public record LanesHealth(State state, Instant sampledAt, int heldRecords, Optional<InFlightRecord> oldestInFlight,
                          int stuckCount, List<InFlightRecord> stuck, Optional<Instant> lastCommit,
                          List<HotKey> mostQueuedKeys, List<HotKey> longestWaitingKeys, long rebalances,
                          boolean complete) {

    public LanesHealth {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sampledAt, "sampledAt");
        Objects.requireNonNull(oldestInFlight, "oldestInFlight");
        Objects.requireNonNull(lastCommit, "lastCommit");
        stuck = List.copyOf(stuck);
        mostQueuedKeys = List.copyOf(mostQueuedKeys);
        longestWaitingKeys = List.copyOf(longestWaitingKeys);
    }

    /**
     * What the consumer is doing. When several hold, the first in this list wins: {@code FAILED},
     * {@code CLOSED}, {@code STARTING}, {@code REBALANCING}, {@code STALLED},
     * {@code BACKPRESSURED}, {@code RUNNING}.
     */
    public enum State {
        /** Stopped, or stopping, because of an error: {@link LanesConsumer#termination()} completes exceptionally. */
        FAILED,
        /** {@link LanesConsumer#close()} was called: draining, committing and leaving, or done. */
        CLOSED,
        /** Not started yet, or started and waiting for its first assignment from the group. */
        STARTING,
        /**
         * Inside a rebalance: from the moment partitions are revoked or lost (the wait for their
         * running records included) until the group's next assignment reaches this consumer.
         */
        REBALANCING,
        /**
         * Records are held, and none has ended for {@link LanesOption#HEALTH_STALLED_AFTER}: no
         * record succeeded, was skipped or dead-lettered since the later of the last end and the
         * last moment nothing was held. Checked at the call, so a poller that stopped turning
         * shows as stalled too.
         */
        STALLED,
        /** The buffer is full: every partition is paused until handlers catch up (records still end). */
        BACKPRESSURED,
        /** Members of its group, fetching and ending records, or idle with nothing to do. */
        RUNNING
    }

    /**
     * A record in flight.
     *
     * @param key the record's key, readable and at most about 80 characters: UTF-8 text when it is
     *     printable, else {@code 0x} and hex; with its length in bytes when cut; {@code null} when
     *     the record has no key
     * @param age how long it has been in flight at {@link LanesHealth#sampledAt}
     * @param attempt the attempt running, or due next while it waits for a retry (1 for the first);
     *     its last one while its dead-letter write is out
     */
    public record InFlightRecord(String topic, int partition, long offset, String key, Duration age, int attempt) {
    }

    /**
     * A lane with records queued: a key of a partition in {@link Ordering#KEY} order; the whole
     * partition in {@link Ordering#PARTITION} and {@link Ordering#UNORDERED} order, and for records
     * without a key ({@code key} is then {@code null}).
     *
     * @param key the key, rendered as in {@link InFlightRecord#key}; {@code null} for a partition's lane
     * @param queued records waiting in the lane
     * @param inFlight records of the lane in flight (in an ordered lane, what it waits for)
     * @param oldestQueuedWait how long the lane's first queued record has waited since it was polled
     */
    public record HotKey(String topic, int partition, String key, int queued, int inFlight,
                         Duration oldestQueuedWait) {
    }
}
