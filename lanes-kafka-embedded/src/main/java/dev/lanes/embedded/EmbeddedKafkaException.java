package dev.lanes.embedded;

/**
 * An embedded Kafka node or cluster could not do what was asked: a node did not start in time,
 * its process exited, a port was taken, a topic could not be created.
 *
 * <p>The message is one sentence a person can act on; when a node's process is involved it ends
 * with the last lines of that node's log.
 */
public class EmbeddedKafkaException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong, and what to do about it when known
     */
    public EmbeddedKafkaException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, and what to do about it when known
     * @param cause the underlying failure
     */
    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
