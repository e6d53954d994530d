package dev.lanes.internal.failure;

/**
 * Makes sure the dead-letter topic exists before a write ({@link DeadLetterTopic} with a real
 * cluster). Called by workers, possibly at once; blocking is allowed.
 */
public interface DeadLetterTopicCheck {

    /**
     * @throws dev.lanes.LanesException when the topic is missing and may not be created
     * @throws RuntimeException for a failure that may pass (the write is tried again later)
     */
    void ensureExists(String sourceTopic);

    void close();
}
