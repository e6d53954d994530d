package dev.lanes.cli;

/**
 * A failure the user can act on (an unreachable broker, a failed send), printed as
 * {@code lanes: error: <message>} with exit code 1. Thrown on the command's thread.
 */
public final class CliException extends RuntimeException {

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
