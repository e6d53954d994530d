package dev.lanes;

import java.util.concurrent.CompletionStage;

/**
 * A handler that starts its work and returns at once with a stage that completes when the work is
 * done. Concurrency is then not tied to threads: thousands of records can be in flight on a few.
 *
 * <p>The record ends when the stage completes normally; a stage that completes exceptionally, a
 * {@code null} stage, or an exception thrown by {@code handle} retries the record after a back-off.
 * {@code handle} should not block: it runs on Lanes' worker executor.
 */
@FunctionalInterface
public interface AsyncRecordHandler<K, V> {
    CompletionStage<?> handle(LanesRecord<K, V> record);
}
