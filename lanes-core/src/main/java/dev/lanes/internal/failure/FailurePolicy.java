package dev.lanes.internal.failure;

import dev.lanes.FailedAttempt;
import dev.lanes.FailureAction;
import dev.lanes.FailureHandler;
import dev.lanes.RetryPolicy;
import dev.lanes.internal.schedule.RetryBackoff;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what becomes of a failed attempt, from the user's {@link RetryPolicy}: retry after a
 * back-off, or give the record up as the policy says (skip, dead-letter, stop), with the user's
 * {@link FailureHandler} having the last word, and the {@link FloodGuard} holding back give-ups
 * during an outage. Knows nothing of lanes or partitions.
 *
 * <p>Confined to the poller thread; time and randomness come in as arguments.
 */
public final class FailurePolicy {
    private static final Logger log = LoggerFactory.getLogger(FailurePolicy.class);

    /** Causes looked at for {@code notRetryable}: enough for wrappers, bounded against cycles. */
    private static final int MAX_CAUSE_DEPTH = 16;

    private final RetryPolicy policy;
    private final RetryBackoff backoff;
    private final FloodGuard guard;

    /** What to do, and for a retry, after how long. */
    public record Decision(FailureAction action, long delayNanos, FailedAttempt failure) {
    }

    public FailurePolicy(RetryPolicy policy) {
        this.policy = policy;
        this.backoff = new RetryBackoff(policy.initialBackoff(), policy.maxBackoff(), policy.jitter());
        this.guard = new FloodGuard(policy.floodGuardThreshold(), policy.floodGuardWindow().toNanos(),
                policy.floodGuardMinFailures());
    }

    /**
     * @param attempt the attempt that failed, from 1
     * @param random01 a uniform random number in [0, 1), for the back-off's jitter
     */
    public Decision decide(ConsumerRecord<byte[], byte[]> record, int attempt, Throwable error, long nowNanos,
                           double random01) {
        boolean unreadable = error instanceof RecordDeserializationException;
        boolean retryable = !unreadable && !matches(policy.notRetryable(), error);
        if (!unreadable && attempt == 1) {
            guard.firstAttempt(true, nowNanos);
        }
        boolean exhausted = !retryable || (policy.maxAttempts() > 0 && attempt >= policy.maxAttempts());
        FailedAttempt failure = new FailedAttempt(record, unreadable ? 0 : attempt, error, retryable, exhausted);
        FailureAction planned = exhausted ? policy.onExhausted() : FailureAction.RETRY;
        FailureAction action = askHandler(failure, planned);
        if (retryable && guard.isHolding() && (action == FailureAction.SKIP || action == FailureAction.DEAD_LETTER)) {
            action = FailureAction.RETRY; // an outage, not a poison record: hold until something succeeds
        }
        long delay = action == FailureAction.RETRY ? backoff.delayNanos(attempt, random01) : 0;
        return new Decision(action, delay, failure);
    }

    /** Records ended well, {@code firstAttempts} of them at their first attempt (counted once per batch). */
    public void succeeded(int firstAttempts, long nowNanos) {
        guard.firstAttemptsSucceeded(firstAttempts, nowNanos);
        guard.succeeded();
    }

    /** Whether the flood guard holds give-ups back now. */
    public boolean isHolding() {
        return guard.isHolding();
    }

    public long floodGuardTrips() {
        return guard.trips();
    }

    /** The back-off before another try at a dead-letter write that failed. */
    public long writeRetryDelayNanos(int failedWrites, double random01) {
        return backoff.delayNanos(failedWrites, random01);
    }

    private FailureAction askHandler(FailedAttempt failure, FailureAction planned) {
        if (policy.failureHandler().isEmpty()) {
            return planned;
        }
        FailureAction chosen;
        try {
            chosen = policy.failureHandler().get().decide(failure, planned);
        } catch (RuntimeException e) {
            log.error("The failure handler threw on {}-{}@{}; doing what the policy says ({})", failure.record().topic(),
                    failure.record().partition(), failure.record().offset(), planned, e);
            return planned;
        }
        if (chosen == null) {
            return planned;
        }
        if (chosen == FailureAction.DEAD_LETTER && policy.deadLetterTopic().isEmpty()) {
            log.error("The failure handler chose DEAD_LETTER for {}-{}@{}, but no dead-letter topic is set; doing "
                    + "what the policy says ({})", failure.record().topic(), failure.record().partition(),
                    failure.record().offset(), planned);
            return planned;
        }
        return chosen;
    }

    /** Whether the error, or one of its causes, is an instance of one of the types. */
    static boolean matches(List<Class<? extends Throwable>> types, Throwable error) {
        if (types.isEmpty()) {
            return false;
        }
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }
}
