package dev.lanes.internal.failure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.FailedAttempt;
import dev.lanes.FailureAction;
import dev.lanes.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RecordDeserializationException.DeserializationExceptionOrigin;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {
    private static final ConsumerRecord<byte[], byte[]> RECORD =
            new ConsumerRecord<>("t", 0, 7, new byte[] {1}, new byte[] {2});
    private static final RuntimeException BOOM = new IllegalStateException("boom");

    private static RetryPolicy.Builder policy() {
        return RetryPolicy.builder().initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(8)).jitter(0)
                .floodGuardThreshold(0);
    }

    private static FailurePolicy.Decision decide(RetryPolicy policy, int attempt, Throwable error) {
        return new FailurePolicy(policy).decide(RECORD, attempt, error, 0, 0.5);
    }

    private static RecordDeserializationException unreadable() {
        return new RecordDeserializationException(DeserializationExceptionOrigin.VALUE, new TopicPartition("t", 0), 7,
                0, TimestampType.CREATE_TIME, null, null, new RecordHeaders(), "bad", null);
    }

    @Test
    void retriesWithAnExponentialBackoffUntilTheLastAttemptThenDoesWhatOnExhaustedSays() {
        RetryPolicy policy = policy().maxAttempts(3).onExhausted(FailureAction.STOP).build();

        assertThat(decide(policy, 1, BOOM).action()).isEqualTo(FailureAction.RETRY);
        assertThat(decide(policy, 1, BOOM).delayNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(decide(policy, 2, BOOM).delayNanos()).isEqualTo(Duration.ofSeconds(2).toNanos());
        FailurePolicy.Decision last = decide(policy, 3, BOOM);
        assertThat(last.action()).isEqualTo(FailureAction.STOP);
        assertThat(last.failure().exhausted()).isTrue();
        assertThat(last.failure().attempt()).isEqualTo(3);
    }

    @Test
    void byDefaultRetriesForeverAndSkipsWhatCannotBeDeserialized() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertThat(decide(policy, 1_000, BOOM).action()).isEqualTo(FailureAction.RETRY);
        FailurePolicy.Decision unreadable = decide(policy, 1, unreadable());
        assertThat(unreadable.action()).isEqualTo(FailureAction.SKIP);
        assertThat(unreadable.failure().attempt()).as("no attempt was made").isZero();
        assertThat(unreadable.failure().retryable()).isFalse();
    }

    @Test
    void aDeadLetterTopicMakesDeadLetteringTheDefault() {
        RetryPolicy policy = policy().maxAttempts(2).deadLetterTopic("dlt").build();

        assertThat(policy.onExhausted()).isEqualTo(FailureAction.DEAD_LETTER);
        assertThat(decide(policy, 2, BOOM).action()).isEqualTo(FailureAction.DEAD_LETTER);
        assertThat(decide(policy, 1, unreadable()).action()).isEqualTo(FailureAction.DEAD_LETTER);
    }

    @Test
    void notRetryableExceptionsGoStraightToOnExhaustedAlsoWhenWrapped() {
        RetryPolicy policy = policy().notRetryable(IllegalArgumentException.class).deadLetterTopic("dlt").build();

        assertThat(decide(policy, 1, new NumberFormatException("x")).action()).as("a subclass")
                .isEqualTo(FailureAction.DEAD_LETTER);
        assertThat(decide(policy, 1, new CompletionException(new IllegalArgumentException("x"))).action())
                .as("the cause of what an async stage failed with").isEqualTo(FailureAction.DEAD_LETTER);
        assertThat(decide(policy, 1, BOOM).action()).isEqualTo(FailureAction.RETRY);
    }

    @Test
    void theFailureHandlerHasTheLastWordButCannotDeadLetterWithoutATopic() {
        List<FailedAttempt> seen = new ArrayList<>();
        RetryPolicy policy = policy().maxAttempts(5).failureHandler((failure, planned) -> {
            seen.add(failure);
            return failure.error() instanceof UnsupportedOperationException ? FailureAction.DEAD_LETTER
                    : failure.attempt() == 2 ? FailureAction.SKIP : null;
        }).build();

        assertThat(decide(policy, 1, BOOM).action()).as("null: the policy's own").isEqualTo(FailureAction.RETRY);
        assertThat(decide(policy, 2, BOOM).action()).isEqualTo(FailureAction.SKIP);
        assertThat(decide(policy, 1, new UnsupportedOperationException()).action())
                .as("no dead-letter topic: the policy's own").isEqualTo(FailureAction.RETRY);
        assertThat(seen).extracting(FailedAttempt::attempt).containsExactly(1, 2, 1);
    }

    @Test
    void aThrowingFailureHandlerLeavesThePolicysAction() {
        RetryPolicy policy = policy().failureHandler((failure, planned) -> {
            throw new IllegalStateException("bug in the handler");
        }).build();

        assertThat(decide(policy, 1, BOOM).action()).isEqualTo(FailureAction.RETRY);
    }

    @Test
    void duringAnOutageRecordsAreHeldInsteadOfGivenUpUntilOneSucceeds() {
        FailurePolicy policy = new FailurePolicy(policy().maxAttempts(1).deadLetterTopic("dlt").floodGuardThreshold(0.5)
                .floodGuardMinFailures(3).build());

        assertThat(policy.decide(RECORD, 1, BOOM, 0, 0.5).action()).isEqualTo(FailureAction.DEAD_LETTER);
        assertThat(policy.decide(RECORD, 1, BOOM, 0, 0.5).action()).isEqualTo(FailureAction.DEAD_LETTER);
        assertThat(policy.decide(RECORD, 1, BOOM, 0, 0.5).action()).as("the third failure trips it")
                .isEqualTo(FailureAction.RETRY);
        assertThat(policy.decide(RECORD, 4, BOOM, 0, 0.5).action()).as("held, whatever the attempt")
                .isEqualTo(FailureAction.RETRY);
        assertThat(policy.decide(RECORD, 1, unreadable(), 0, 0.5).action())
                .as("what cannot be read is dead-lettered even during an outage").isEqualTo(FailureAction.DEAD_LETTER);

        policy.succeeded(0, 0); // a record succeeded (at a later attempt)

        assertThat(policy.decide(RECORD, 4, BOOM, 0, 0.5).action()).isEqualTo(FailureAction.DEAD_LETTER);
        assertThat(policy.floodGuardTrips()).isEqualTo(1);
    }
}
