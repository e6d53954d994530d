package dev.lanes.internal.work;

/**
 * Something a worker (or a client's callback thread) hands back to the poller through the
 * {@link Inbox}: a {@link Batch} of handler invocations, or a dead-letter write.
 */
public interface Completion {
}
