package dev.lanes;

/**
 * Decides, per record and exception, what the {@link RetryPolicy}'s rules do not cover: called
 * after every failed attempt with what the policy would do, it returns the action to take instead
 * (or {@code null} for the policy's own). Runs on the poller thread: it must be quick and never
 * block. If it throws, the policy's own action is taken and the error is logged.
 *
 * <pre>{@code
 * RetryPolicy.builder()
 *         .deadLetterTopic("orders.dlt")
 *         .failureHandler((failure, planned) -> failure.error() instanceof OrderRejected ? FailureAction.SKIP : planned)
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface FailureHandler {

    /**
     * @param failure the failed attempt
     * @param planned what the policy would do: {@link FailureAction#RETRY} until the last attempt,
     *     then its {@code onExhausted} action
     * @return the action to take; {@link FailureAction#DEAD_LETTER} needs a dead-letter topic
     */
    FailureAction decide(FailedAttempt failure, FailureAction planned);
}
