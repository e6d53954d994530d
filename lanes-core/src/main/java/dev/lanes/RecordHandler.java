package dev.lanes;

/**
 * A handler that does its work before it returns; it may block (on I/O, a lock, a rate limiter).
 *
 * <p>Lanes runs it on virtual threads when the JVM has them (Java 21+), otherwise on a bounded
 * platform thread pool, or on the executor given to {@link LanesOptions.Builder#executor}.
 * Returning normally ends the record; throwing retries it after a back-off, holding its lane.
 */
@FunctionalInterface
public interface RecordHandler<K, V> {
    void handle(LanesRecord<K, V> record) throws Exception;
}
