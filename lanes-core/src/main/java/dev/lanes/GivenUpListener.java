package dev.lanes;

/**
 * Told of every record the failure policy gave up: skipped (at once), or dead-lettered (once the
 * dead-letter write is acknowledged). Runs on the poller thread: it must be quick and never block;
 * what it throws is logged and ignored. The {@code lanes consume} journal is written this way.
 */
@FunctionalInterface
public interface GivenUpListener {

    /**
     * @param lastFailure the attempt after which the record was given up
     * @param action {@link FailureAction#SKIP} or {@link FailureAction#DEAD_LETTER}
     */
    void givenUp(FailedAttempt lastFailure, FailureAction action);
}
